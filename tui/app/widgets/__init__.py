"""The widgets the screens are built of: the indicator table and its model, the detail and result
panels, charts, the line views and the key footer.
"""
