"""A steering-group member's insatser, chosen by the kansli from the user list
(Förbundet → Användare → Insatser). Here and not in the ground floor's user
administration, which may not know insatser."""
