"""Röda tråden: an open management system (ledningssystem) for Swedish municipalities."""
