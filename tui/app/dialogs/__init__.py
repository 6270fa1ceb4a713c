"""Modal dialogs: confirm, text and note, open and save, import a sheet, help.
"""
