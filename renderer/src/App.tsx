export function App() {
  return (
    <main>
      <h1>Health Score Workbench</h1>
      <p>The workbench views arrive here; the command line scores accounts today.</p>
    </main>
  );
}
