"""PM Prep: offline practice for product-manager and product-intern interviews."""

__version__ = "0.1.0"
