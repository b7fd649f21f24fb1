/** The report's own styles: screen and print, system fonts only, since nothing may be fetched. */
export const REPORT_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#101828;font:13px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif}
.report-header{background:#fff;border-bottom:1px solid #e4e7ec;padding:28px 40px 20px}
.eyebrow{color:#2f5bea;font-size:11px;font-weight:600;letter-spacing:.06em;text-transform:uppercase}
h1{margin:6px 0 8px;font-size:24px;letter-spacing:-.01em}
.meta{display:flex;flex-wrap:wrap;gap:6px 18px;color:#475467;font-size:12px}
main{max-width:1040px;margin:0 auto;padding:24px 40px}
.section{background:#fff;border:1px solid #e4e7ec;border-radius:8px;padding:20px 24px;margin:0 0 20px}
h2{margin:0 0 12px;font-size:16px}
h3{margin:18px 0 8px;font-size:13px;color:#344054}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:10px;margin-bottom:12px}
.tile{border:1px solid #eef0f3;border-radius:6px;padding:10px 12px;background:#fcfcfd}
.tile-label{color:#667085;font-size:11px}
.tile-value{font-size:20px;font-weight:600;font-variant-numeric:tabular-nums}
.caption{margin:6px 0;color:#344054}
.note{color:#667085;font-size:12px;margin:8px 0}
.figure{margin:6px 0 8px}
.figure svg{display:block;max-width:100%;height:auto}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:20px}
table{width:100%;border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th{text-align:left;font-weight:600;color:#475467;font-size:11px;border-bottom:1px solid #d0d5dd;padding:6px 8px}
td{border-bottom:1px solid #eef0f3;padding:5px 8px}
.num{text-align:right}
.weights{width:auto;min-width:50%}
.changes{margin:4px 0 8px;padding-left:20px;color:#344054}
.dot{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px}
.flag{display:inline-block;margin-left:6px;padding:0 6px;border-radius:8px;background:#fee4e2;color:#b42318;font-size:11px;font-weight:600}
footer{max-width:1040px;margin:0 auto;padding:0 40px 32px;color:#667085;font-size:11px}
@media print{
  @page{size:A4;margin:14mm}
  body{background:#fff;font-size:11px}
  .report-header{padding:0 0 10px;border:0}
  main{padding:0;max-width:none}
  .section{border:0;padding:0;margin:0 0 12px;break-before:page;page-break-before:always}
  .section:first-child{break-before:auto;page-break-before:auto}
  table,tr,.figure,.tiles,.changes{break-inside:avoid;page-break-inside:avoid}
  thead{display:table-header-group}
  footer{padding:0}
}
`;
