/**
 * AG Grid set-up shared by the workbench's grids: only the community modules the
 * views use are registered (the bundle stays small and a missing one fails loudly
 * in development), and one theme matches the rest of the app.
 */
import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  CsvExportModule,
  DateFilterModule,
  EventApiModule,
  ExternalFilterModule,
  ModuleRegistry,
  NumberFilterModule,
  QuickFilterModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  ScrollApiModule,
  TextFilterModule,
  TooltipModule,
  ValidationModule,
  themeQuartz,
} from 'ag-grid-community';

ModuleRegistry.registerModules([
  ClientSideRowModelModule,
  ClientSideRowModelApiModule,
  RowSelectionModule,
  TextFilterModule,
  NumberFilterModule,
  DateFilterModule,
  ExternalFilterModule,
  QuickFilterModule,
  CsvExportModule,
  ColumnApiModule,
  RowApiModule,
  ScrollApiModule,
  EventApiModule,
  CellStyleModule,
  RowStyleModule,
  TooltipModule,
  ...(import.meta.env.DEV ? [ValidationModule] : []),
]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 12,
  headerFontWeight: 600,
  headerTextColor: '#475467',
  headerBackgroundColor: '#F8FAFC',
  foregroundColor: '#101828',
  backgroundColor: '#FFFFFF',
  borderColor: '#E4E7EC',
  rowBorder: { color: '#EEF0F3' },
  accentColor: '#2F5BEA',
  selectedRowBackgroundColor: 'rgba(47, 91, 234, 0.09)',
  rowHoverColor: '#F5F7FF',
  rowHeight: 38,
  headerHeight: 40,
  spacing: 6,
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  cellHorizontalPadding: 12,
});
