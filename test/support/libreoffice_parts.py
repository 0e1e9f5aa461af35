"""Adds what LibreOffice itself makes to a ledger and saves it as .xlsx, through LibreOffice's UNO API.

usage: python3 libreoffice_parts.py <port> <in.xlsx> <out.xlsx> <chart-sheet-name> <pivot-sheet-name>

Run against `soffice --headless --accept="socket,host=127.0.0.1,port=<port>;urp;"`. It adds a
sheet with a block of counts and a native column chart over it (as the add-in draws on the
statistics sheet), and a pivot table (DataPilot) over the complaint sheet's first rows on a sheet of
its own; LibreOffice then writes the whole workbook, charts and pivot caches in its own way.
"""
import sys
import time

import uno
from com.sun.star.awt import Rectangle
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress, CellRangeAddress


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(port):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    for _ in range(200):
        try:
            return resolver.resolve('uno:socket,host=127.0.0.1,port=%s;urp;StarOffice.ComponentContext' % port)
        except Exception:
            time.sleep(0.1)
    raise SystemExit('LibreOffice did not answer on port %s' % port)


def main():
    port, source, target, chart_sheet, pivot_sheet = sys.argv[1:6]
    context = connect(port)
    desktop = context.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', context)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), '_blank', 0, (prop('Hidden', True),))
    sheets = doc.Sheets

    # A block of counts and a column chart over it.
    sheets.insertNewByName(chart_sheet, sheets.Count)
    sheet = sheets.getByName(chart_sheet)
    rows = [('类别', '件数'), ('保洁', 12), ('工程维修', 7), ('停车', 4), ('电梯', 2)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = sheet.getCellByPosition(c, r)
            if isinstance(value, str):
                cell.String = value
            else:
                cell.Value = value
    area = CellRangeAddress()
    area.Sheet = sheets.Count - 1
    area.StartColumn, area.StartRow, area.EndColumn, area.EndRow = 0, 0, 1, len(rows) - 1
    rect = Rectangle(4000, 1000, 12000, 7000)
    sheet.Charts.addNewByName('KefuCounts', rect, (area,), True, True)
    chart = sheet.Charts.getByName('KefuCounts').EmbeddedObject
    chart.Diagram = chart.createInstance('com.sun.star.chart.BarDiagram')
    chart.Diagram.Vertical = False

    # A pivot table counting the complaints by category.
    source_sheet = sheets.getByIndex(0)
    sheets.insertNewByName(pivot_sheet, sheets.Count)
    pivots = sheets.getByName(pivot_sheet).DataPilotTables
    descriptor = pivots.createDataPilotDescriptor()
    src = CellRangeAddress()
    src.Sheet = 0
    src.StartColumn, src.StartRow, src.EndColumn, src.EndRow = 0, 0, 11, 3
    descriptor.SourceRange = src
    fields = descriptor.DataPilotFields
    category = fields.getByIndex(9)
    category.Orientation = uno.Enum('com.sun.star.sheet.DataPilotFieldOrientation', 'ROW')
    number = fields.getByIndex(0)
    number.Orientation = uno.Enum('com.sun.star.sheet.DataPilotFieldOrientation', 'DATA')
    number.Function = uno.Enum('com.sun.star.sheet.GeneralFunction', 'COUNT')
    at = CellAddress()
    at.Sheet = sheets.Count - 1
    at.Column, at.Row = 0, 0
    pivots.insertNewByName('KefuPivot', at, descriptor)

    doc.storeToURL(uno.systemPathToFileUrl(target), (prop('FilterName', 'Calc MS Excel 2007 XML'),))
    doc.close(True)


if __name__ == '__main__':
    main()
