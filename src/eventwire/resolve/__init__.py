"""resolve: link mentions to actors, places and time spans."""
