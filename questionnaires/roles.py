"""The groups of the review method and the checks of who may act on an assignment."""

from django.contrib.auth.models import AbstractBaseUser

EXPERT_GROUP = "Expert"
PEER_REVIEWER_GROUP = "Peer reviewer"
COORDINATOR_GROUP = "Coordinator"
EDITOR_GROUP = "Editor"
TRANSLATOR_GROUP = "Translator"


def in_group(user: AbstractBaseUser, name: str) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=name).exists()


def is_coordinator(user: AbstractBaseUser) -> bool:
    return in_group(user, COORDINATOR_GROUP)
