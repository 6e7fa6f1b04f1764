"""Source documents and curated data; shipped inside the package as tracker._seed."""
