"""A site hub: this server on a site, kept in step with the central server."""
