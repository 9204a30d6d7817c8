"""Setting a business up: the tenant, locations, staff, providers, services and hours."""
