/** Excel workbooks (.xlsx, .xlsm without running macros): one sheet read as a host inventory. */
export { readWorkbook, type WorkbookOptions, type WorkbookRead } from "./read-workbook";
export { INVENTORY_XLSX_FORMAT, parseWorkbook } from "./parse-workbook";
