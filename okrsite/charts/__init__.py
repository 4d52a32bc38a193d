"""Charts: Vega-Lite specs built with Altair, rendered offline to SVG and PNG with vl-convert."""
