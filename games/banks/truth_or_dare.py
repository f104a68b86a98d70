"""Truth or dare: cards with a truth on one side and a dare on the other.

A card is read as the partner speaking to the one whose turn it is: "you" is the one who
answers or does it, "me" the partner who asked. Truths ask for a story or a feeling, not a
one-word fact; dares are doable in a few minutes at home or over chat (a voice message, a
photo, a few lines), never cost money and never involve anyone else. Russian speaks «ты»
and never needs the reader's gender (no past tense of "you").

Packs as in the other banks: "us" (the two of you now), "fun" (playful), "memories",
"future", "deep" (vulnerable, slower), "spicy" (18+, flirty, only when both opened it).
Ids are stable: they are stored in game states and histories.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from games.banks import DEFAULT_PACK, PACKS
from games.text import N_

__all__ = ["BY_ID", "CARDS", "Card"]


@dataclass(frozen=True)
class Card:
    id: str
    truth: str
    """N_ msgid: a question the partner asks."""
    dare: str
    """N_ msgid: something the partner dares you to do."""
    pack: str = DEFAULT_PACK

    def __post_init__(self) -> None:
        if self.pack not in PACKS:
            raise ValueError(f"card {self.id}: unknown pack {self.pack!r}")


CARDS: tuple[Card, ...] = (
    # -- us ------------------------------------------------------------------------------
    Card(
        "td_first_notice",
        N_("What was the very first thing you noticed about me?"),
        N_("Send me a voice message describing me in three words, and explain each one."),
    ),
    Card(
        "td_habit",
        N_("Which little habit of mine secretly makes you smile?"),
        N_("Imitate me doing my most typical thing, with full commitment."),
    ),
    Card(
        "td_proud",
        N_("Tell me about a moment when you felt really proud of me."),
        N_("Write me a five-star review of our relationship, as if it were your favourite café."),
    ),
    Card(
        "td_pet_name",
        N_("Which pet name for me do you like best, and which one never?"),
        N_("Invent a new pet name for me right now and use it in your next three messages."),
    ),
    Card(
        "td_tiny_annoyance",
        N_("What do I do that annoys you a tiny bit, though you never say so?"),
        N_("Give me a sincere compliment about something nobody ever praises me for."),
    ),
    # -- fun -----------------------------------------------------------------------------
    Card(
        "td_guilty_song",
        N_("Which song do you secretly know by heart, though it's embarrassing to admit?"),
        N_("Sing me the chorus of the last song that got stuck in your head."),
        pack="fun",
    ),
    Card(
        "td_screen_time",
        N_("Which app would you least like me to see in your screen time?"),
        N_("Send me a screenshot of your recently used emoji, no tidying up."),
        pack="fun",
    ),
    Card(
        "td_cartoon_life",
        N_("Whose life from a cartoon would you like to live for a day?"),
        N_("Tell me about your day as a news report, in a voice message with a jingle."),
        pack="fun",
    ),
    Card(
        "td_food_combo",
        N_("What's the strangest food combination you genuinely enjoy?"),
        N_("Show me the most random thing within arm's reach and make up its life story."),
        pack="fun",
    ),
    Card(
        "td_nobody_watching",
        N_("What's the silliest thing you do when you know nobody is watching?"),
        N_("Dance for 20 seconds to the next song that plays, whatever it is."),
        pack="fun",
    ),
    Card(
        "td_white_lie",
        N_("What little white lie do you tell me most often?"),
        N_("Set a profile picture I choose and keep it for an hour."),
        pack="fun",
    ),
    # -- memories ------------------------------------------------------------------------
    Card(
        "td_first_date",
        N_("What do you remember most vividly about our first date?"),
        N_("Find the oldest photo of us on your phone and send it to me."),
        pack="memories",
    ),
    Card(
        "td_first_message",
        N_("What was your first thought when my first message arrived?"),
        N_("Retell the story of how we met in exactly three sentences."),
        pack="memories",
    ),
    Card(
        "td_hiding_place",
        N_("Where was your favourite hiding place as a child?"),
        N_("Show me something you've kept for years and tell me why you keep it."),
        pack="memories",
    ),
    Card(
        "td_laughed_most",
        N_("Which moment with me made you laugh the hardest?"),
        N_("Send me a photo that makes you smile every time you see it."),
        pack="memories",
    ),
    # -- future --------------------------------------------------------------------------
    Card(
        "td_next_trip",
        N_("Where should our next trip be, and what do we do there first?"),
        N_("Plan our perfect Saturday in one message, from morning to night."),
        pack="future",
    ),
    Card(
        "td_at_eighty",
        N_("How do you picture the two of us at eighty? What are we up to?"),
        N_("Write a short letter to the two of us five years from now, and save it."),
        pack="future",
    ),
    Card(
        "td_untold_dream",
        N_("Which dream of yours do I still know nothing about?"),
        N_("Make us a bucket list of three things and send it as a numbered list."),
        pack="future",
    ),
    # -- deep ----------------------------------------------------------------------------
    Card(
        "td_quiet_fear",
        N_("Which fear of yours do you almost never talk about?"),
        N_("Name one thing you love about yourself, with no jokes attached."),
        pack="deep",
    ),
    Card(
        "td_changed_by_us",
        N_("What has changed in you thanks to us?"),
        N_("Send me a voice message that starts with: 'With you I feel…'"),
        pack="deep",
    ),
    Card(
        "td_unasked_support",
        N_("When do you need my support most, even if you don't ask for it?"),
        N_("Hug me for thirty whole seconds; if we're apart, describe that hug in detail."),
        pack="deep",
    ),
    # -- spicy (18+) ---------------------------------------------------------------------
    Card(
        "td_s_kissed_where",
        N_("Where do you most like to be kissed?"),
        N_("Describe our next kiss in one message, in as much detail as you dare."),
        pack="spicy",
    ),
    Card(
        "td_s_tempting_thought",
        N_("What's the most tempting thought about me you've had this week?"),
        N_("Send me a photo that teases without showing too much."),
        pack="spicy",
    ),
    Card(
        "td_s_outfit",
        N_("Which of my outfits makes you lose your head?"),
        N_("Whisper, or say in a voice message, what you want to do with me tonight."),
        pack="spicy",
    ),
)

BY_ID: Mapping[str, Card] = MappingProxyType({card.id: card for card in CARDS})
if len(BY_ID) != len(CARDS):
    raise ValueError("duplicate card ids")
