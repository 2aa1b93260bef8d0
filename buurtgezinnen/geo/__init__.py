"""Offline Dutch geography: PC4 postcodes, municipalities and distances."""
