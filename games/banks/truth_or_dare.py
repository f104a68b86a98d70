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

    @property
    def texts(self) -> tuple[str, ...]:
        """Both sides' msgids."""
        return (self.truth, self.dare)


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
        N_("Which pet name for me do you like best, and which would you never use?"),
        N_("Invent a new pet name for me right now and use it in your next three messages."),
    ),
    Card(
        "td_tiny_annoyance",
        N_("What do I do that annoys you a tiny bit, though you never say so?"),
        N_("Give me a sincere compliment about something nobody ever praises me for."),
    ),
    Card(
        "td_us_song",
        N_("Which song feels most like us, and why?"),
        N_("Make a three-song playlist for tonight and send it to me."),
    ),
    Card(
        "td_us_attractive",
        N_("What have I done lately that you found really attractive?"),
        N_("Text me three things you like about my face, starting with the least obvious."),
    ),
    Card(
        "td_us_ordinary_day",
        N_("Which ordinary day with me would you happily live again?"),
        N_("Describe today from my point of view, in three sentences."),
    ),
    Card(
        "td_us_team",
        N_("In what are the two of us the best team?"),
        N_("Come up with a name and a motto for our team of two."),
    ),
    Card(
        "td_us_apology",
        N_("Is there something you've long wanted to apologise to me for?"),
        N_("Thank me sincerely for some small thing I do every day."),
    ),
    Card(
        "td_us_jealous",
        N_("What makes you a little jealous, even though you know it's silly?"),
        N_("Write me a four-line poem that rhymes my name with something."),
    ),
    Card(
        "td_us_contact_name",
        N_("What is my contact called in your phone, and why?"),
        N_("Send me a screenshot of our chat from a year ago, or the oldest one you can find."),
    ),
    Card(
        "td_us_borrow_quality",
        N_("Which of my qualities would you like to borrow for a week?"),
        N_("Write your next five messages in my style."),
    ),
    Card(
        "td_us_bad_mood",
        N_("How can you tell I'm in a bad mood before I say a word?"),
        N_("Cheer me up in advance: send me something to open on my next bad day."),
    ),
    Card(
        "td_us_feels_home",
        N_("Which smell, sound or object instantly means home to you?"),
        N_("Show me your favourite corner of the place you're in right now."),
    ),
    Card(
        "td_us_gift",
        N_("Which gift from me do you remember best?"),
        N_("Present me any object near you as a gift, with a speech on why it's perfect for me."),
    ),
    Card(
        "td_us_ask_more",
        N_("What should I ask you about more often?"),
        N_("Ask me three brand-new questions, the kind we've never asked each other."),
    ),
    Card(
        "td_us_kept_compliment",
        N_("Which compliment from me do you still remember?"),
        N_("Record a ten-second voice message of your happiest laugh."),
    ),
    Card(
        "td_us_mornings",
        N_("What's your favourite thing about our mornings?"),
        N_("Describe the breakfast you'll make me tomorrow, like a menu in a fancy restaurant."),
    ),
    Card(
        "td_us_arguments",
        N_("What do we argue about most, and who's usually right?"),
        N_("Argue my side of our last disagreement as convincingly as you can."),
    ),
    Card(
        "td_us_understood",
        N_("When do you feel that I truly understand you?"),
        N_("Tell me one thing you always think about me but never say out loud."),
    ),
    Card(
        "td_us_rituals",
        N_("Which of our little routines would you be saddest to lose?"),
        N_("Invent a new tiny ritual for us and start it today."),
    ),
    Card(
        "td_us_emoji",
        N_("Which emoji describes me best, and which one describes you?"),
        N_("Tell me how your day went using only emoji, and let me guess the story."),
    ),
    Card(
        "td_us_apart",
        N_("What do you miss most about me when we're apart?"),
        N_("Send me a photo of exactly what you're looking at right now."),
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
    Card(
        "td_fun_useless_talent",
        N_("Which useless talent of yours are you secretly proud of?"),
        N_("Show me any trick you can do: wiggle your ears, spin a coin, anything."),
        pack="fun",
    ),
    Card(
        "td_fun_villain",
        N_("If you were a film villain, what would your evil plan be?"),
        N_("Record a voice message with your most dramatic villain laugh."),
        pack="fun",
    ),
    Card(
        "td_fun_morning_animal",
        N_("Which animal are you most like in the morning?"),
        N_("Do your best penguin impression, as convincingly as you can."),
        pack="fun",
    ),
    Card(
        "td_fun_last_search",
        N_("What was the last thing you searched for online?"),
        N_("Send me the fifth photo in your gallery, whatever it shows."),
        pack="fun",
    ),
    Card(
        "td_fun_karaoke",
        N_("Which karaoke song would you sing to win me over?"),
        N_("Rap two lines about today's lunch."),
        pack="fun",
    ),
    Card(
        "td_fun_odd_fear",
        N_("What's the most irrational thing that scares you?"),
        N_("Talk like a pirate until your next turn."),
        pack="fun",
    ),
    Card(
        "td_fun_celebrity",
        N_("Who was your first celebrity crush?"),
        N_("Strike your best magazine-cover pose and send me the photo."),
        pack="fun",
    ),
    Card(
        "td_fun_hidden_photo",
        N_("Which photo on your phone should I never, ever see?"),
        N_("Take a selfie with the exact face you make when I'm late."),
        pack="fun",
    ),
    Card(
        "td_fun_superpower",
        N_("Which superpower would be most useful in our everyday life?"),
        N_("Describe your superhero costume, cape included."),
        pack="fun",
    ),
    Card(
        "td_fun_house_law",
        N_("Which silly law should we pass at home?"),
        N_("Convince me in three sentences that pineapple belongs on pizza, or that it doesn't."),
        pack="fun",
    ),
    Card(
        "td_fun_rewatch",
        N_("Which film could you watch a hundred times?"),
        N_("Act out a famous film scene in ten seconds and let me guess which."),
        pack="fun",
    ),
    Card(
        "td_fun_childhood_nickname",
        N_("What were you called as a child, and did you like it?"),
        N_("Tell me a joke. If I don't smile, tell another one."),
        pack="fun",
    ),
    Card(
        "td_fun_kitchen_fail",
        N_("What was your biggest kitchen disaster?"),
        N_("Invent a new dish from whatever is in the fridge and describe it like a chef."),
        pack="fun",
    ),
    Card(
        "td_fun_time_machine",
        N_("Which year would you visit if you had a time machine for a day?"),
        N_("Describe the room you're in like an estate agent desperate to sell it."),
        pack="fun",
    ),
    Card(
        "td_fun_surprising_habit",
        N_("Which of your habits would surprise people who don't know you well?"),
        N_("Balance a spoon on your nose for five seconds, and send proof."),
        pack="fun",
    ),
    Card(
        "td_fun_code_name",
        N_("What would your code name be on a secret mission?"),
        N_("Send me a coded message I can crack in a minute."),
        pack="fun",
    ),
    Card(
        "td_fun_tricky_word",
        N_("Which word do you always mispronounce or misspell?"),
        N_("Say a tongue twister three times fast and send it as a voice message."),
        pack="fun",
    ),
    Card(
        "td_fun_childish_joy",
        N_("Which childish joy do you still secretly love?"),
        N_("Draw my portrait in thirty seconds and send it, however it turns out."),
        pack="fun",
    ),
    Card(
        "td_fun_signature_move",
        N_("What's your signature dance move?"),
        N_("Mime your morning routine in a fifteen-second video."),
        pack="fun",
    ),
    Card(
        "td_fun_save_first",
        N_("Which of your things would you save first in a fire?"),
        N_("Give a touching thirty-second speech in honour of your favourite mug."),
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
    Card(
        "td_mem_nervous",
        N_("When were you most nervous around me?"),
        N_("Send me a photo from the year we met that I've probably never seen."),
        pack="memories",
    ),
    Card(
        "td_mem_in_love",
        N_("When did you first realise it was love?"),
        N_("Describe our first meeting like a nature documentary narrator."),
        pack="memories",
    ),
    Card(
        "td_mem_school_role",
        N_("Who were you at school: the quiet one, the clown or the star?"),
        N_("Show me a childhood photo of yourself and tell me what was happening."),
        pack="memories",
    ),
    Card(
        "td_mem_trip",
        N_("What's your favourite memory from our trips together?"),
        N_("Tell the funniest moment of our travels like a sports commentator."),
        pack="memories",
    ),
    Card(
        "td_mem_grown_up",
        N_("Which purchase marked the start of your adult life?"),
        N_("Sing me a lullaby you remember from childhood."),
        pack="memories",
    ),
    Card(
        "td_mem_toy",
        N_("What was your favourite toy, and where is it now?"),
        N_("Describe your childhood bedroom in as much detail as you can."),
        pack="memories",
    ),
    Card(
        "td_mem_taught_most",
        N_("Which difficult time in your life taught you the most?"),
        N_("Send me a song that takes you straight back to your teenage years."),
        pack="memories",
    ),
    Card(
        "td_mem_our_photo",
        N_("Which photo of us do you love most, and what happened just before it?"),
        N_("Make a photo of us your wallpaper for a day and send me a screenshot."),
        pack="memories",
    ),
    Card(
        "td_mem_awkward_date",
        N_("What's the most awkward thing that ever happened to you on a date?"),
        N_("Re-enact our very first hello, playing both of us."),
        pack="memories",
    ),
    Card(
        "td_mem_mentor",
        N_("Which teacher or grown-up shaped you the most?"),
        N_("Write me a postcard from yourself at ten years old."),
        pack="memories",
    ),
    Card(
        "td_mem_this_month",
        N_("Which moment of this past month would you keep forever?"),
        N_("Send me three photos from this month that tell its story."),
        pack="memories",
    ),
    Card(
        "td_mem_my_friends",
        N_("What did you make of my friends when you first met them?"),
        N_("Show me how I talk on the phone."),
        pack="memories",
    ),
    Card(
        "td_mem_best_advice",
        N_("What is the best advice you've ever been given?"),
        N_("Give me one piece of advice for tomorrow, as wise as you can make it."),
        pack="memories",
    ),
    Card(
        "td_mem_surprised",
        N_("Which thing I've done surprised you the most?"),
        N_("Plan a tiny surprise for me and give me only the first clue."),
        pack="memories",
    ),
    Card(
        "td_mem_holiday",
        N_("Which holiday from your childhood do you remember most warmly?"),
        N_("Show me how people danced at your school discos."),
        pack="memories",
    ),
    Card(
        "td_mem_see_again",
        N_("Who from your past would you love to see again?"),
        N_("Write a thank-you note to your past self and read it to me."),
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
    Card(
        "td_fut_always_home",
        N_("What should our home always have, wherever we live?"),
        N_("Draw the floor plan of our dream home in one minute and send it."),
        pack="future",
    ),
    Card(
        "td_fut_learn_together",
        N_("What would you like the two of us to learn together?"),
        N_("Teach me something you know well, in one minute."),
        pack="future",
    ),
    Card(
        "td_fut_celebrate",
        N_("What do you hope we'll be celebrating a year from now?"),
        N_("Write tomorrow's newspaper headline about us."),
        pack="future",
    ),
    Card(
        "td_fut_adventure",
        N_("Which adventure would you like to have with me while we're young?"),
        N_("Point at a map with your eyes closed and tell me what we'll do there."),
        pack="future",
    ),
    Card(
        "td_fut_tradition",
        N_("Which tradition would you like us to start?"),
        N_("Set the date and the plan of our next date, right now."),
        pack="future",
    ),
    Card(
        "td_fut_weekends",
        N_("What should we change about how we spend our weekends?"),
        N_("Write a to-do list for our next lazy Sunday."),
        pack="future",
    ),
    Card(
        "td_fut_retire",
        N_("Where would you like us to live when we retire?"),
        N_("Describe us in ten years, in exactly ten words."),
        pack="future",
    ),
    Card(
        "td_fut_pet",
        N_("If we got a pet together, what would it be and what would we call it?"),
        N_("Introduce our imaginary pet to me in a voice message."),
        pack="future",
    ),
    Card(
        "td_fut_worries",
        N_("What worries you about the future, and how can I help?"),
        N_("Make me a promise for next month that you can really keep."),
        pack="future",
    ),
    Card(
        "td_fut_goal",
        N_("Which goal of yours could use my cheering on?"),
        N_("Give me a coach's pep talk for my next big challenge."),
        pack="future",
    ),
    Card(
        "td_fut_anniversary",
        N_("How would you like us to celebrate our next anniversary?"),
        N_("Write the invitation to our next anniversary party."),
        pack="future",
    ),
    Card(
        "td_fut_capsule",
        N_("Which three things from our life would you seal in a time capsule?"),
        N_("Record a fifteen-second message for us to listen to in a year."),
        pack="future",
    ),
    Card(
        "td_fut_move_city",
        N_("Which city would you move to with me if we could?"),
        N_("Find a picture of a place we should see and send it with one reason."),
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
    Card(
        "td_deep_tears",
        N_("When did you last have tears in your eyes, and why?"),
        N_("Look into my eyes for one minute without talking, on a video call if we're apart."),
        pack="deep",
    ),
    Card(
        "td_deep_accept",
        N_("What about yourself are you still learning to accept?"),
        N_("Say three kind things to yourself out loud, as you would to a best friend."),
        pack="deep",
    ),
    Card(
        "td_deep_loved",
        N_("Which small gesture of mine says 'I love you' louder than words?"),
        N_("Hold my hand (or touch the screen) and name one thing today you're thankful for."),
        pack="deep",
    ),
    Card(
        "td_deep_other_choice",
        N_("Is there a choice in your life you'd make differently today?"),
        N_("Send me a photo of something that calms you."),
        pack="deep",
    ),
    Card(
        "td_deep_lonely",
        N_("When do you feel lonely, even with me around?"),
        N_("Describe the most peaceful place you know, so that I can see it too."),
        pack="deep",
    ),
    Card(
        "td_deep_parents",
        N_("What did your parents teach you about love?"),
        N_("Tell me a family story that will be new to me."),
        pack="deep",
    ),
    Card(
        "td_deep_need_more",
        N_("What do you need more of from me right now?"),
        N_("Name one small thing I could do this week to make your life easier, and I'll do it."),
        pack="deep",
    ),
    Card(
        "td_deep_hidden_strength",
        N_("Which strength of yours do few people notice?"),
        N_("Record a voice message finishing 'I'm proud that I…' three times."),
        pack="deep",
    ),
    Card(
        "td_deep_meaning",
        N_("What gives your life the most meaning right now?"),
        N_("Name three people who shaped you most, and what each of them gave you."),
        pack="deep",
    ),
    Card(
        "td_deep_hard_to_say",
        N_("What is still hard for you to say to me?"),
        N_("Write me a message that begins: 'You don't know this, but…'"),
        pack="deep",
    ),
    Card(
        "td_deep_childhood_echo",
        N_("Which habit from your childhood would you like to leave behind?"),
        N_("Say out loud what you needed to hear as a child."),
        pack="deep",
    ),
    Card(
        "td_deep_trust",
        N_("When did you start trusting me completely?"),
        N_("Tell me a secret that's small but true."),
        pack="deep",
    ),
    Card(
        "td_deep_happiest",
        N_("Which moment this year was your happiest?"),
        N_("Send me a voice message describing a perfect quiet evening."),
        pack="deep",
    ),
    Card(
        "td_deep_let_go",
        N_("Is there something between us you'd like to let go of?"),
        N_("Put everything aside for five minutes and just talk with me, in person or on a call."),
        pack="deep",
    ),
    Card(
        "td_deep_body",
        N_("What do you like about your body, though you rarely say it?"),
        N_("Gently tell me one thing you'd like us to do differently."),
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
    Card(
        "td_s_first_kiss",
        N_("What went through your mind during our first kiss?"),
        N_("Kiss me somewhere I don't expect, or write exactly where you would."),
        pack="spicy",
    ),
    Card(
        "td_s_secret_fantasy",
        N_("Which fantasy of yours do you still keep secret from me?"),
        N_("Describe in just three words what you want tonight."),
        pack="spicy",
    ),
    Card(
        "td_s_turns_on",
        N_("Which little thing I do turns you on the most?"),
        N_("Record a voice message saying my name the way you whisper it in bed."),
        pack="spicy",
    ),
    Card(
        "td_s_unusual_place",
        N_("In which unusual place would you like to kiss me?"),
        N_("Tease me with a message that has not a single explicit word."),
        pack="spicy",
    ),
    Card(
        "td_s_replay_night",
        N_("Which of our nights do you replay in your head most often?"),
        N_("Tell me in detail what you'd like me to wear next time."),
        pack="spicy",
    ),
    Card(
        "td_s_touch",
        N_("Where do you love being touched that I might not know about?"),
        N_("Give me a thirty-second massage, or describe one step by step."),
        pack="spicy",
    ),
    Card(
        "td_s_dream",
        N_("Has a dream about me ever been too hot to tell anyone?"),
        N_("Write the first line of a steamy story starring the two of us."),
        pack="spicy",
    ),
    Card(
        "td_s_look",
        N_("Which look of mine can you never resist?"),
        N_("Send me your most seductive look, on camera."),
        pack="spicy",
    ),
    Card(
        "td_s_mood",
        N_("Slow and tender or bold and passionate: what are you in the mood for tonight?"),
        N_("Undo one button, or take off one accessory, and send me a photo."),
        pack="spicy",
    ),
    Card(
        "td_s_sound",
        N_("Which of my sounds do you find the sexiest?"),
        N_("Whisper a compliment in a voice message, so quietly I have to turn the volume up."),
        pack="spicy",
    ),
    Card(
        "td_s_surprise",
        N_("What should I surprise you with in the bedroom?"),
        N_("In five sentences, describe a perfect date night that ends at home."),
        pack="spicy",
    ),
    Card(
        "td_s_first_want",
        N_("When did you first want me?"),
        N_("Send me a photo of your lips."),
        pack="spicy",
    ),
    Card(
        "td_s_cant_stop",
        N_("What do you think about when you can't stop thinking about me?"),
        N_("Write me a flirty text you'd be nervous to send, and send it."),
        pack="spicy",
    ),
    Card(
        "td_s_role_play",
        N_("Which role-play would you like to try with me?"),
        N_("Flirt with me for two messages as if we'd only just met."),
        pack="spicy",
    ),
    Card(
        "td_s_long_wanted",
        N_("What have you long wanted to try with me in bed?"),
        N_("Choose a word that will be our secret signal tonight."),
        pack="spicy",
    ),
    Card(
        "td_s_beyond_looks",
        N_("What's the sexiest thing about me that has nothing to do with looks?"),
        N_("Tell me what you're wearing right now, as seductively as you can."),
        pack="spicy",
    ),
    Card(
        "td_s_all_yours",
        N_("If tonight were all about you, how would it go?"),
        N_("Send me a voice message with your most tempting 'good night'."),
        pack="spicy",
    ),
)

BY_ID: Mapping[str, Card] = MappingProxyType({card.id: card for card in CARDS})
if len(BY_ID) != len(CARDS):
    raise ValueError("duplicate card ids")
