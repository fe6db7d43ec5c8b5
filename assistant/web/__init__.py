"""Articles from the web: a safe fetcher, and the URLs people give newsdesk."""
