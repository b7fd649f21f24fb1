/** Saving the report: a Blob link, which works in Electron and in the browser alike. */

/** Offers `html` as a download named `fileName`, through a temporary Blob URL. */
export function downloadHtml(fileName: string, html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is only needed until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from the model name and date: `health-score-report-default-model-2024-06-30.html`. */
export function reportFileName(modelName: string, isoDay: string): string {
  const slug = modelName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `health-score-report-${slug || 'model'}-${isoDay}.html`;
}
