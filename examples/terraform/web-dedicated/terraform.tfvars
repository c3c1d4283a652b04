server_count = 2
flavor_id    = "c7.large.2"
