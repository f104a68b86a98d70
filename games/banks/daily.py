"""Question of the day: warm, thoughtful questions for couples.

Free-text questions have no options; the others offer 2-4 choices.
"""

from __future__ import annotations

from collections.abc import Mapping

from games.banks import Question, index
from games.text import N_

__all__ = ["BY_ID", "QUESTIONS"]

QUESTIONS: tuple[Question, ...] = (
    Question("d_first_noticed", N_("What was the first thing you noticed about me?")),
    Question("d_small_joy", N_("What small thing made you smile today?")),
    Question("d_favourite_memory", N_("What is your favourite memory of us?")),
    Question("d_feel_loved", N_("When do you feel most loved by me?")),
    Question("d_travel_together", N_("Where would you love us to travel together?")),
    Question("d_grateful_week", N_("What are you grateful for this week?")),
    Question("d_always_laugh", N_("What always makes you laugh, no matter what?")),
    Question("d_our_song", N_("Which song reminds you of us?")),
    Question("d_perfect_day", N_("Describe our perfect day together, from morning to night.")),
    Question("d_learned_from_me", N_("What is something you have learned from me?")),
    Question("d_five_years", N_("Where do you see us in five years?")),
    Question("d_new_tradition", N_("What tradition would you like us to start?")),
    Question("d_support_stress", N_("How can I best support you when you're stressed?")),
    Question("d_proud_lately", N_("What are you most proud of lately?")),
    Question("d_childhood_memory", N_("What is a favourite memory from your childhood?")),
    Question("d_bucket_list", N_("What is one thing on your bucket list?")),
    Question("d_remembered_compliment", N_("Which compliment have you never forgotten?")),
    Question("d_feels_like_home", N_("What makes a place feel like home to you?")),
    Question("d_superhero_duo", N_("If we were a superhero duo, what would our powers be?")),
    Question("d_dish_to_learn", N_("Which dish should we learn to cook together?")),
    Question("d_first_date", N_("What do you remember most about our first date?")),
    Question(
        "d_weekend_plan",
        N_("How should we spend this weekend?"),
        (N_("Adventure outdoors"), N_("Cosy at home"), N_("Seeing friends"), N_("Somewhere new")),
    ),
    Question(
        "d_need_more",
        N_("What do you need a little more of right now?"),
        (N_("Time together"), N_("Hugs"), N_("Kind words"), N_("A helping hand")),
    ),
    Question(
        "d_mood_today",
        N_("Honestly, how are you feeling today?"),
        (N_("Wonderful"), N_("Pretty good"), N_("A bit tired"), N_("A little low")),
    ),
    Question(
        "d_next_date",
        N_("Pick our next date"),
        (N_("A picnic"), N_("The cinema"), N_("Cook together"), N_("A long walk")),
    ),
    Question("d_three_words", N_("Describe our relationship in three words.")),
    Question("d_change_world", N_("If you could change one thing in the world, what would it be?")),
    Question("d_share_worry", N_("Is there a worry you'd like to share with me today?")),
    Question("d_secret_habit", N_("Which of my little habits do you secretly love?")),
    Question(
        "d_story_together", N_("Which book, film or series would you like us to enjoy together?")
    ),
    Question("d_kindest_thing", N_("What is the kindest thing anyone has ever done for you?")),
    Question("d_appreciated", N_("What did I do recently that you appreciated?")),
    Question("d_goal_help", N_("What goal could I help you with this month?")),
    Question(
        "d_dream_home",
        N_("Where would our dream home be?"),
        (N_("By the sea"), N_("In the mountains"), N_("In a big city"), N_("In the countryside")),
    ),
    Question(
        "d_recharge",
        N_("What recharges you best?"),
        (N_("A good sleep"), N_("Time alone"), N_("Time with friends"), N_("Time in nature")),
    ),
    Question("d_happiest_surprise", N_("What surprise would make you happiest?")),
    Question("d_try_together", N_("What is something new you'd like us to try together?")),
    Question("d_younger_self", N_("What would you tell your younger self?")),
    Question("d_inspires_you", N_("Who inspires you, and why?")),
    Question(
        "d_evening_tonight",
        N_("What would make tonight perfect?"),
        (N_("A film under a blanket"), N_("Dinner out"), N_("A long talk"), N_("An early night")),
    ),
    Question("d_favourite_photo", N_("Which photo of us is your favourite, and why?")),
    Question("d_falling_for_me", N_("When did you realise you were falling for me?")),
    Question("d_admire_most", N_("Which of my qualities do you admire most?")),
    Question("d_cheer_up", N_("What is the best way to cheer you up on a bad day?")),
    Question("d_favourite_holiday", N_("Which holiday or celebration do you love most, and why?")),
    Question("d_year_highlight", N_("What has been the highlight of your year so far?")),
    Question(
        "d_nickname", N_("What is your favourite nickname for me, and where did it come from?")
    ),
    Question("d_meaningful_gift", N_("What is the most meaningful gift you have ever received?")),
    Question("d_skill_to_master", N_("Which skill would you love to master?")),
    Question(
        "d_learn_together",
        N_("What would you rather learn together?"),
        (N_("To dance"), N_("A new language"), N_("To play music"), N_("To grow a garden")),
    ),
    Question("d_time_capsule", N_("What would you put in a time capsule about us?")),
    Question("d_rainy_day", N_("What is your ideal rainy-day plan?")),
    Question(
        "d_sharing_problem",
        N_("When you share a problem with me, what do you want most?"),
        (N_("Just listen"), N_("Give advice"), N_("Hold me"), N_("Distract me")),
    ),
    Question("d_nicer_mornings", N_("What would make our mornings together nicer?")),
    Question("d_small_promise", N_("What small promise could we make each other this week?")),
    Question("d_money_no_object", N_("If money didn't matter, how would you spend your days?")),
    Question("d_special_place", N_("Which place holds a special memory for you?")),
    Question("d_proud_of_us", N_("What are you proud of us for?")),
    Question("d_unknown_fact", N_("What is something about you I might not know yet?")),
    Question(
        "d_sunday_pace",
        N_("The ideal pace for a Sunday"),
        (N_("Slow and lazy"), N_("Busy and fun"), N_("A bit of both")),
    ),
    Question("d_love_means", N_("What does love mean to you?")),
    Question("d_grown_together", N_("How have we grown since we met?")),
    Question("d_food_hug", N_("Which food feels like a hug to you?")),
    Question(
        "d_after_disagreement",
        N_("After a disagreement, what helps you most?"),
        (N_("Talking it through"), N_("Some space first"), N_("A warm hug"), N_("A small gesture")),
    ),
    Question(
        "d_love_story_genre",
        N_("If our love story were a film, what genre would it be?"),
        (N_("Romantic comedy"), N_("Adventure"), N_("Drama"), N_("Fairy tale")),
    ),
    Question("d_celebrate_next", N_("What should we celebrate next?")),
    Question("d_hidden_talent", N_("Which hidden talent do you wish you had?")),
    Question(
        "d_next_trip",
        N_("Our next trip should be…"),
        (
            N_("Sunny and slow"),
            N_("Full of adventure"),
            N_("A city to explore"),
            N_("Somewhere cosy"),
        ),
    ),
    Question("d_ten_years", N_("What would you like to tell us ten years from now?")),
    Question("d_easier_day", N_("Is there anything I can do to make your day easier?")),
    Question("d_makes_you_smile", N_("What do I do that always makes you smile?")),
    Question("d_grateful_people", N_("Who are you most grateful to have in your life?")),
    Question("d_comfort_words", N_("What words do you most need to hear when things are hard?")),
    Question("d_little_adventure", N_("What little adventure could we have this weekend?")),
)

BY_ID: Mapping[str, Question] = index(QUESTIONS)
