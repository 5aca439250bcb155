"""Service design (SB/T 10382-2004, 3.2, 3.3, 3.7, 4.3.1, 4.4.1, 4.4.3): the contact
process and its stages and activities, the contact points, the service
characteristic model, the three specifications of each contact point (kept as
controlled documents) and the service blueprint drawn from them."""
