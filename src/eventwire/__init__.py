"""eventwire: news pages in; a geolocated, time-resolved database of political and conflict
events and the actors behind them out."""

__version__ = "0.1.0"
