"""Adds what openpyxl makes to a ledger and saves it through openpyxl (Debian python3-openpyxl).

usage: python3 openpyxl_parts.py <in.xlsx> <out.xlsx> <statistics-sheet-name>

A statistics sheet with a block of counts and a column chart over it (as the add-in draws there),
a comment on a complaint, workbook protection and a password on the statistics sheet, a defined
name over a range and a named constant. openpyxl then writes the whole workbook in its own way.
"""
import sys

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection


def main():
    source, target, stats_name = sys.argv[1:4]
    wb = openpyxl.load_workbook(source)
    ws = wb.create_sheet(stats_name)
    rows = [('类别', '件数'), ('保洁', 12), ('工程维修', 7), ('停车', 4), ('电梯', 2)]
    for row in rows:
        ws.append(row)
    chart = BarChart()
    chart.type = 'col'
    chart.title = '投诉类别'
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=len(rows)), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(rows)))
    ws.add_chart(chart, 'D2')
    ws.protection.sheet = True
    ws.protection.password = 'kefu-sheet'
    first = wb.worksheets[0]
    first['B2'].comment = Comment('来电人要求回电', '王丽')
    wb.security = WorkbookProtection(workbookPassword='kefu-book', lockStructure=True)
    wb.defined_names.append(DefinedName('投诉区域', attr_text="'%s'!$A$1:$E$10" % first.title))
    wb.defined_names.append(DefinedName('VAT_RATE', attr_text='0.13'))
    wb.save(target)


if __name__ == '__main__':
    main()
