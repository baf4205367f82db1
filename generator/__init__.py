"""EV Digest: scraped EV-industry news pages in, a curated MkDocs site out."""
