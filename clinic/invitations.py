"""One-time set-password links for invited people (review finding 10).

A link lasts ``PASSWORD_RESET_TIMEOUT`` (24 hours), works once (setting the password changes the
hash it is bound to), and stops working as soon as any of the person's memberships is deactivated
(or a new one added): the token is bound to the state of every membership.
"""

from __future__ import annotations

from django.contrib.auth.tokens import PasswordResetTokenGenerator


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "clinic.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        from clinic.models import Membership

        memberships = Membership.objects.filter(user_id=user.pk).order_by("pk").values_list("pk", "is_active")
        state = ",".join(f"{pk}:{int(active)}" for pk, active in memberships)
        return f"{super()._make_hash_value(user, timestamp)}|{state}"


invitation_tokens = InvitationTokenGenerator()
