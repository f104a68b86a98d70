"""Question of the day: a year of questions a couple keeps coming back to.

Both partners get the same question on the same day; each answers about themselves
("me" is the partner who reads the answer). Every question belongs to a pack (`PACKS`).
Free-text questions have no options; the others offer 2-4 choices.
"""

from __future__ import annotations

from collections.abc import Mapping

from games.banks import Question, index
from games.text import N_

__all__ = ["BY_ID", "QUESTIONS"]

QUESTIONS: tuple[Question, ...] = (
    # Us: the relationship now, everyday life together, appreciation.
    Question("d_small_joy", N_("What small thing made you smile today?"), pack="us"),
    Question("d_grateful_week", N_("What are you grateful for this week?"), pack="us"),
    Question("d_our_song", N_("Which song reminds you of us?"), pack="us"),
    Question(
        "d_perfect_day", N_("Describe our perfect day together, from morning to night."), pack="us"
    ),
    Question("d_learned_from_me", N_("What is something you have learned from me?"), pack="us"),
    Question(
        "d_weekend_plan",
        N_("How should we spend this weekend?"),
        (
            N_("Adventure outdoors"),
            N_("Cosy at home"),
            N_("Seeing friends"),
            N_("Somewhere new"),
        ),
        pack="us",
    ),
    Question(
        "d_mood_today",
        N_("Honestly, how are you feeling today?"),
        (
            N_("Wonderful"),
            N_("Pretty good"),
            N_("A bit tired"),
            N_("A little low"),
        ),
        pack="us",
    ),
    Question("d_three_words", N_("Describe our relationship in three words."), pack="us"),
    Question("d_secret_habit", N_("Which of my little habits do you secretly love?"), pack="us"),
    Question("d_appreciated", N_("What did I do recently that you appreciated?"), pack="us"),
    Question("d_goal_help", N_("What goal could I help you with this month?"), pack="us"),
    Question(
        "d_evening_tonight",
        N_("What would make tonight perfect?"),
        (
            N_("A film under a blanket"),
            N_("Dinner out"),
            N_("A long talk"),
            N_("An early night"),
        ),
        pack="us",
    ),
    Question("d_admire_most", N_("Which of my qualities do you admire most?"), pack="us"),
    Question("d_cheer_up", N_("What is the best way to cheer you up on a bad day?"), pack="us"),
    Question(
        "d_nickname",
        N_("What is your favourite nickname for me, and where did it come from?"),
        pack="us",
    ),
    Question("d_nicer_mornings", N_("What would make our mornings together nicer?"), pack="us"),
    Question(
        "d_small_promise", N_("What small promise could we make each other this week?"), pack="us"
    ),
    Question("d_proud_of_us", N_("What are you proud of us for?"), pack="us"),
    Question("d_celebrate_next", N_("What should we celebrate next?"), pack="us"),
    Question("d_easier_day", N_("Is there anything I can do to make your day easier?"), pack="us"),
    Question("d_makes_you_smile", N_("What do I do that always makes you smile?"), pack="us"),
    Question("d_last_weekend", N_("What was the best moment of our last weekend?"), pack="us"),
    Question(
        "d_little_ritual", N_("Which of our little rituals would you never give up?"), pack="us"
    ),
    Question(
        "d_message_from_me", N_("What kind of message from me brightens your day?"), pack="us"
    ),
    Question(
        "d_take_over_task",
        N_("Which of my tasks would you happily take over for a day?"),
        pack="us",
    ),
    Question("d_big_thank_you", N_("Finish the sentence: a big thank-you to you for…"), pack="us"),
    Question("d_good_lately", N_("What has felt especially good between us lately?"), pack="us"),
    Question("d_inside_joke", N_("Which of our inside jokes still makes you laugh?"), pack="us"),
    Question("d_talk_more", N_("What would you like us to talk about more?"), pack="us"),
    Question(
        "d_my_projects",
        N_("Which of my projects or hobbies would you like to hear more about?"),
        pack="us",
    ),
    Question("d_do_more", N_("What should we do together more often?"), pack="us"),
    Question("d_less_of", N_("What could there be a little less of in our life?"), pack="us"),
    Question(
        "d_money_style",
        N_("What suits us best with money?"),
        (
            N_("All shared"),
            N_("Separate, split fairly"),
            N_("A bit of both"),
            N_("Still figuring it out"),
        ),
        pack="us",
    ),
    Question(
        "d_who_plans",
        N_("Who usually plans our dates?"),
        (
            N_("Mostly me"),
            N_("Mostly you"),
            N_("We take turns"),
            N_("No one, we wing it"),
        ),
        pack="us",
    ),
    Question(
        "d_bicker_about",
        N_("What do we bicker about most?"),
        (
            N_("Chores"),
            N_("Being late"),
            N_("Silly little things"),
            N_("Where to eat"),
        ),
        pack="us",
    ),
    Question(
        "d_date_often",
        N_("How often would you like a proper date?"),
        (
            N_("Every week"),
            N_("Twice a month"),
            N_("Once a month"),
            N_("Whenever it happens"),
        ),
        pack="us",
    ),
    Question(
        "d_couple_strength",
        N_("What is our greatest strength as a couple?"),
        (
            N_("Humour"),
            N_("Patience"),
            N_("Teamwork"),
            N_("Honesty"),
        ),
        pack="us",
    ),
    Question(
        "d_time_mode",
        N_("We are at our best together when we are…"),
        (
            N_("Talking for hours"),
            N_("Quiet, side by side"),
            N_("Out and about"),
            N_("Laughing at nonsense"),
        ),
        pack="us",
    ),
    Question("d_miss_me", N_("When do you miss me most?"), pack="us"),
    Question(
        "d_look_at_me",
        N_("What do you think about when you look at me and I don't notice?"),
        pack="us",
    ),
    Question("d_never_stop", N_("What do you hope I never stop doing?"), pack="us"),
    Question("d_make_me_laugh", N_("What is the quickest way to make me laugh?"), pack="us"),
    Question("d_after_long_day", N_("What do you think I need most after a long day?"), pack="us"),
    Question("d_know_about_me", N_("What do you know about me that few people do?"), pack="us"),
    Question("d_my_name", N_("What comes to mind first when you hear my name?"), pack="us"),
    Question("d_laughed_till_tears", N_("When did we last laugh until we cried?"), pack="us"),
    Question(
        "d_ordinary_moment",
        N_("Which ordinary, everyday moment with me do you love most?"),
        pack="us",
    ),
    Question("d_rubbed_off", N_("Which of my words or phrases has rubbed off on you?"), pack="us"),
    Question(
        "d_unsaid_compliment", N_("Pay me a compliment you have never said out loud."), pack="us"
    ),
    Question(
        "d_unnoticed_effort", N_("Which of my efforts do you think goes unnoticed?"), pack="us"
    ),
    Question(
        "d_best_talks",
        N_("Where do we have our best conversations?"),
        (
            N_("In the kitchen"),
            N_("On a walk"),
            N_("At bedtime"),
            N_("On the phone"),
        ),
        pack="us",
    ),
    Question("d_on_your_mind", N_("What has been on your mind most today?"), pack="us"),
    Question(
        "d_social_battery",
        N_("How charged is your social battery today?"),
        (
            N_("Full"),
            N_("Half full"),
            N_("Running low"),
            N_("Flat"),
        ),
        pack="us",
    ),
    Question(
        "d_hug_needed",
        N_("Which hug do you need right now?"),
        (
            N_("A quick squeeze"),
            N_("A long bear hug"),
            N_("A hug from behind"),
            N_("Just hold my hand"),
        ),
        pack="us",
    ),
    Question(
        "d_routine_refresh", N_("Which part of our routine could use a little refresh?"), pack="us"
    ),
    Question("d_best_decision", N_("What is the best decision we have made together?"), pack="us"),
    Question("d_free_gift", N_("What gift from me would cost nothing but mean a lot?"), pack="us"),
    Question("d_our_place", N_("Which place feels most like ‘ours’?"), pack="us"),
    Question(
        "d_wake_you_up", N_("How should I wake you up so the day starts with a smile?"), pack="us"
    ),
    Question("d_surprised_you", N_("When did I last surprise you?"), pack="us"),
    Question(
        "d_looking_forward", N_("Which of our plans are you most looking forward to?"), pack="us"
    ),
    Question(
        "d_tiny_gesture",
        N_("Which tiny gesture of mine means more to you than I think?"),
        pack="us",
    ),
    Question("d_do_for_me", N_("What would you like to do for me this week?"), pack="us"),
    Question("d_hear_more", N_("What would you like to hear from me more often?"), pack="us"),
    Question(
        "d_not_said_yet",
        N_("What did you want to tell me this week but never got round to?"),
        pack="us",
    ),
    Question(
        "d_sorry_first",
        N_("Who usually says sorry first?"),
        (
            N_("Mostly me"),
            N_("Mostly you"),
            N_("Whoever is calmer"),
            N_("It depends"),
        ),
        pack="us",
    ),
    Question("d_more_patient", N_("Where could I be a little more patient with you?"), pack="us"),
    Question("d_really_listen", N_("When do you feel I really listen to you?"), pack="us"),
    Question("d_teach_me", N_("What could you teach me in one evening?"), pack="us"),
    Question(
        "d_time_balance",
        N_("Right now, the time we spend together feels…"),
        (
            N_("Just right"),
            N_("Not quite enough"),
            N_("A little too much"),
        ),
        pack="us",
    ),
    Question("d_new_in_me", N_("What new thing have you noticed in me lately?"), pack="us"),
    Question(
        "d_boring_made_fun", N_("Which boring chore turns fun when we do it together?"), pack="us"
    ),
    Question(
        "d_week_vibe",
        N_("Our week has been…"),
        (
            N_("Very cosy"),
            N_("Mostly cosy"),
            N_("A bit chaotic"),
            N_("Total chaos"),
        ),
        pack="us",
    ),
    Question("d_do_nothing", N_("What is your favourite way to do nothing together?"), pack="us"),
    Question("d_unwritten_rule", N_("What unwritten rule do we have?"), pack="us"),
    Question(
        "d_friends_see",
        N_("What do you think our friends like most about us as a couple?"),
        pack="us",
    ),
    Question("d_close_apart", N_("What helps you feel close to me when we're apart?"), pack="us"),
    Question(
        "d_quirk_now_cute",
        N_("Which quirk of mine annoyed you at first but now seems sweet?"),
        pack="us",
    ),
    Question("d_date_at_home", N_("What would make a date at home feel special?"), pack="us"),
    Question("d_without_asking", N_("What could I do without you having to ask?"), pack="us"),
    Question("d_tell_friends", N_("What do you love telling friends about me?"), pack="us"),
    Question("d_right_advice", N_("Which piece of my advice turned out to be right?"), pack="us"),
    Question("d_bedtime_talk", N_("What do you most like talking about before sleep?"), pack="us"),
    # Fun: playful, silly, hypotheticals, would-you-rather.
    Question("d_always_laugh", N_("What always makes you laugh, no matter what?"), pack="fun"),
    Question(
        "d_superhero_duo", N_("If we were a superhero duo, what would our powers be?"), pack="fun"
    ),
    Question("d_dish_to_learn", N_("Which dish should we learn to cook together?"), pack="fun"),
    Question(
        "d_next_date",
        N_("Pick our next date"),
        (
            N_("A picnic"),
            N_("The cinema"),
            N_("Cook together"),
            N_("A long walk"),
        ),
        pack="fun",
    ),
    Question(
        "d_story_together",
        N_("Which book, film or series would you like us to enjoy together?"),
        pack="fun",
    ),
    Question("d_happiest_surprise", N_("What surprise would make you happiest?"), pack="fun"),
    Question("d_rainy_day", N_("What is your ideal rainy-day plan?"), pack="fun"),
    Question(
        "d_sunday_pace",
        N_("The ideal pace for a Sunday"),
        (
            N_("Slow and lazy"),
            N_("Busy and fun"),
            N_("A bit of both"),
        ),
        pack="fun",
    ),
    Question("d_food_hug", N_("Which food feels like a hug to you?"), pack="fun"),
    Question(
        "d_love_story_genre",
        N_("If our love story were a film, what genre would it be?"),
        (
            N_("Romantic comedy"),
            N_("Adventure"),
            N_("Drama"),
            N_("Fairy tale"),
        ),
        pack="fun",
    ),
    Question("d_hidden_talent", N_("Which hidden talent do you wish you had?"), pack="fun"),
    Question(
        "d_little_adventure", N_("What little adventure could we have this weekend?"), pack="fun"
    ),
    Question(
        "d_everyday_power",
        N_("Which everyday superpower would you pick?"),
        (
            N_("Never being late"),
            N_("Perfect parking"),
            N_("Falling asleep instantly"),
            N_("Always finding my keys"),
        ),
        pack="fun",
    ),
    Question(
        "d_pet_tomorrow",
        N_("We get a pet tomorrow. Which one?"),
        (
            N_("A dog"),
            N_("A cat"),
            N_("Something exotic"),
            N_("A plant, to start with"),
        ),
        pack="fun",
    ),
    Question(
        "d_breakfast",
        N_("Breakfast: in bed or at a café?"),
        (
            N_("In bed"),
            N_("At a café"),
        ),
        pack="fun",
    ),
    Question(
        "d_early_bird",
        N_("Early bird or night owl?"),
        (
            N_("An early bird"),
            N_("A night owl"),
            N_("Neither, always sleepy"),
        ),
        pack="fun",
    ),
    Question(
        "d_sweet_salty",
        N_("Tonight's snack: sweet or salty?"),
        (
            N_("Sweet"),
            N_("Salty"),
            N_("Both, obviously"),
        ),
        pack="fun",
    ),
    Question(
        "d_read_minds",
        N_("Would you rather read my mind for a day or let me read yours?"),
        (
            N_("Read your mind"),
            N_("You read mine"),
            N_("Neither, thanks"),
        ),
        pack="fun",
    ),
    Question(
        "d_know_ending",
        N_("Would you rather know how our story turns out or be surprised?"),
        (
            N_("Know in advance"),
            N_("Be surprised"),
        ),
        pack="fun",
    ),
    Question(
        "d_teleport_pause",
        N_("Which would you rather have: a teleport or a pause button?"),
        (
            N_("A teleport"),
            N_("A pause button"),
        ),
        pack="fun",
    ),
    Question(
        "d_dance_floor",
        N_("On the dance floor, you are…"),
        (
            N_("Stealing the show"),
            N_("Dancing, badly"),
            N_("Guarding the snacks"),
            N_("Filming everyone"),
        ),
        pack="fun",
    ),
    Question(
        "d_robot_chore",
        N_("A robot will take one chore off our hands forever. Which one?"),
        (
            N_("The washing-up"),
            N_("Laundry"),
            N_("Cleaning"),
            N_("Cooking"),
        ),
        pack="fun",
    ),
    Question(
        "d_who_gets_lost",
        N_("Which of us is more likely to get lost in a new city?"),
        (
            N_("Me"),
            N_("You"),
            N_("Both of us, together"),
        ),
        pack="fun",
    ),
    Question(
        "d_who_cries_film",
        N_("Which of us is more likely to cry at a film?"),
        (
            N_("Me"),
            N_("You"),
            N_("Both of us"),
        ),
        pack="fun",
    ),
    Question(
        "d_who_no_phone",
        N_("Which of us would last longer without a phone?"),
        (
            N_("Me"),
            N_("You"),
            N_("Neither of us"),
        ),
        pack="fun",
    ),
    Question(
        "d_who_kitten",
        N_("Which of us would be first to bring home a stray kitten?"),
        (
            N_("Me"),
            N_("You"),
            N_("Both of us"),
        ),
        pack="fun",
    ),
    Question(
        "d_show_we_win",
        N_("Which TV show would we win together?"),
        (
            N_("A cooking show"),
            N_("A survival show"),
            N_("A dance contest"),
            N_("A quiz show"),
        ),
        pack="fun",
    ),
    Question(
        "d_kitchen_roles",
        N_("In the kitchen, we are…"),
        (
            N_("A great team"),
            N_("Chef and taster"),
            N_("Chaos, but tasty"),
            N_("Better at ordering in"),
        ),
        pack="fun",
    ),
    Question(
        "d_season_us",
        N_("Which season suits us best?"),
        (
            N_("Spring"),
            N_("Summer"),
            N_("Autumn"),
            N_("Winter"),
        ),
        pack="fun",
    ),
    Question(
        "d_space_ocean",
        N_("Exploring together: space or the deep ocean?"),
        (
            N_("Space"),
            N_("The deep ocean"),
        ),
        pack="fun",
    ),
    Question(
        "d_how_tidy",
        N_("How tidy are you, honestly?"),
        (
            N_("Spotless"),
            N_("Creative mess"),
            N_("Just mess"),
        ),
        pack="fun",
    ),
    Question(
        "d_coffee_tea",
        N_("Coffee or tea?"),
        (
            N_("Coffee"),
            N_("Tea"),
            N_("Cocoa"),
            N_("Whatever you're having"),
        ),
        pack="fun",
    ),
    Question(
        "d_unusual_night",
        N_("Where should we spend one unusual night?"),
        (
            N_("In a castle"),
            N_("In a treehouse"),
            N_("In an igloo"),
            N_("In a lighthouse"),
        ),
        pack="fun",
    ),
    Question(
        "d_dinner_guest",
        N_("Dinner with anyone, living or from the past: who would you invite?"),
        pack="fun",
    ),
    Question("d_era_week", N_("Which era would you like to live in for a week?"), pack="fun"),
    Question("d_who_plays_us", N_("Who should play us in a film about our life?"), pack="fun"),
    Question("d_zombie_plan", N_("Zombie apocalypse: what is our survival plan?"), pack="fun"),
    Question(
        "d_desert_island", N_("A desert island for two: which three things do we take?"), pack="fun"
    ),
    Question(
        "d_body_swap", N_("We swap bodies for a day. What do you do first as me?"), pack="fun"
    ),
    Question(
        "d_sitcom_episode",
        N_("If our life were a sitcom, what would this week's episode be called?"),
        pack="fun",
    ),
    Question(
        "d_theme_song", N_("Which song should play whenever you walk into a room?"), pack="fun"
    ),
    Question("d_animal_me", N_("Which animal reminds you most of me, and why?"), pack="fun"),
    Question("d_emoji_me", N_("Which emoji sums me up best?"), pack="fun"),
    Question("d_useless_talent", N_("What is your most useless talent?"), pack="fun"),
    Question(
        "d_guilty_pleasure", N_("Which guilty pleasure would you admit only to me?"), pack="fun"
    ),
    Question(
        "d_one_dish_year", N_("One dish, every day, for a whole year: which one?"), pack="fun"
    ),
    Question("d_karaoke_duet", N_("Which song is our karaoke duet?"), pack="fun"),
    Question("d_lottery_first", N_("We win the lottery. What do we buy first?"), pack="fun"),
    Question(
        "d_weird_combo", N_("Which strange food combination do you secretly enjoy?"), pack="fun"
    ),
    Question("d_happy_smell", N_("Which smell instantly puts you in a good mood?"), pack="fun"),
    Question("d_perfect_pizza", N_("Design our perfect pizza: what goes on it?"), pack="fun"),
    Question("d_extra_hour", N_("What would you do with an extra hour every day?"), pack="fun"),
    Question(
        "d_fictional_couple", N_("Which couple from a book or film are we most like?"), pack="fun"
    ),
    Question("d_our_band", N_("If we started a band, what would it be called?"), pack="fun"),
    Question(
        "d_silly_compliment", N_("Give me the silliest compliment you can think of."), pack="fun"
    ),
    Question(
        "d_most_spontaneous",
        N_("What is the most spontaneous thing you have ever done?"),
        pack="fun",
    ),
    Question("d_rewatch_forever", N_("Which series could you rewatch forever?"), pack="fun"),
    Question("d_board_games", N_("Board game night: what do we play, and who wins?"), pack="fun"),
    Question("d_new_nickname", N_("Invent a brand-new nickname for me."), pack="fun"),
    Question(
        "d_couple_invention",
        N_("What would you invent to make every couple's life easier?"),
        pack="fun",
    ),
    Question("d_funny_word", N_("Which word do you find funniest, and why?"), pack="fun"),
    Question("d_sing_alone", N_("What do you sing when no one is listening?"), pack="fun"),
    Question(
        "d_villain_plan", N_("You are cast as a film villain. What is your evil plan?"), pack="fun"
    ),
    Question("d_fortune_cookie", N_("Write a fortune-cookie message for me."), pack="fun"),
    Question(
        "d_bag_items", N_("Which three things are always in your bag or pockets?"), pack="fun"
    ),
    Question("d_our_motto", N_("If we had a motto as a couple, what would it be?"), pack="fun"),
    Question("d_free_date", N_("Plan a date for us that costs nothing."), pack="fun"),
    Question("d_odd_hobby", N_("Which odd hobby would you try just for fun?"), pack="fun"),
    Question(
        "d_fictional_world",
        N_("Which fictional world would you like to spend a day in?"),
        pack="fun",
    ),
    Question("d_childish_joy", N_("Which childish pleasure do you still love?"), pack="fun"),
    Question("d_borrow_skill", N_("Which of my skills would you love to borrow?"), pack="fun"),
    Question("d_ice_cream_you", N_("Which ice-cream flavour is most like you?"), pack="fun"),
    Question(
        "d_alien_explain", N_("How would you explain our relationship to an alien?"), pack="fun"
    ),
    Question("d_strange_dream", N_("What is the strangest dream you remember?"), pack="fun"),
    Question(
        "d_harmless_prank", N_("Which harmless prank would you love to play on me?"), pack="fun"
    ),
    Question("d_famous_for", N_("What could you become famous for?"), pack="fun"),
    Question(
        "d_genie_wishes",
        N_("A genie grants us three wishes as a couple. What are they?"),
        pack="fun",
    ),
    Question("d_random_fact", N_("Tell me a random fact you love."), pack="fun"),
    Question("d_film_snack", N_("Which snack is a must for a film night?"), pack="fun"),
    Question("d_autobiography", N_("What would your autobiography be called?"), pack="fun"),
    Question(
        "d_stranger_laugh", N_("Which habit of yours would make a stranger laugh?"), pack="fun"
    ),
    Question("d_fancy_dress", N_("What should we go as to a fancy-dress party?"), pack="fun"),
    Question("d_talent_show", N_("What would our act be at a talent show?"), pack="fun"),
    Question(
        "d_funny_lately",
        N_("What is the funniest thing that has happened to you lately?"),
        pack="fun",
    ),
    # Memories: our shared past and each one's past.
    Question(
        "d_first_noticed", N_("What was the first thing you noticed about me?"), pack="memories"
    ),
    Question("d_favourite_memory", N_("What is your favourite memory of us?"), pack="memories"),
    Question(
        "d_childhood_memory", N_("What is a favourite memory from your childhood?"), pack="memories"
    ),
    Question(
        "d_remembered_compliment", N_("Which compliment have you never forgotten?"), pack="memories"
    ),
    Question(
        "d_first_date", N_("What do you remember most about our first date?"), pack="memories"
    ),
    Question(
        "d_kindest_thing",
        N_("What is the kindest thing anyone has ever done for you?"),
        pack="memories",
    ),
    Question(
        "d_favourite_photo", N_("Which photo of us is your favourite, and why?"), pack="memories"
    ),
    Question(
        "d_falling_for_me", N_("When did you realise you were falling for me?"), pack="memories"
    ),
    Question(
        "d_favourite_holiday",
        N_("Which holiday or celebration do you love most, and why?"),
        pack="memories",
    ),
    Question(
        "d_year_highlight", N_("What has been the highlight of your year so far?"), pack="memories"
    ),
    Question(
        "d_meaningful_gift",
        N_("What is the most meaningful gift you have ever received?"),
        pack="memories",
    ),
    Question("d_special_place", N_("Which place holds a special memory for you?"), pack="memories"),
    Question(
        "d_first_chat", N_("Our first messages or calls: what were they about?"), pack="memories"
    ),
    Question("d_first_kiss", N_("Tell me about our first kiss, from your side."), pack="memories"),
    Question("d_dream_job_kid", N_("What did you want to be when you grew up?"), pack="memories"),
    Question(
        "d_childhood_toy",
        N_("Which toy from your childhood would you love to have back?"),
        pack="memories",
    ),
    Question(
        "d_childhood_taste",
        N_("Which taste takes you straight back to childhood?"),
        pack="memories",
    ),
    Question("d_childhood_room", N_("Describe your childhood bedroom."), pack="memories"),
    Question("d_school_funny", N_("What is your funniest memory from school?"), pack="memories"),
    Question("d_teacher", N_("Which teacher left a mark on you?"), pack="memories"),
    Question(
        "d_first_job", N_("What was your first job, and what did it teach you?"), pack="memories"
    ),
    Question("d_first_concert", N_("What was the first concert you went to?"), pack="memories"),
    Question(
        "d_first_argument",
        N_("Looking back, what did our first argument teach us?"),
        pack="memories",
    ),
    Question("d_before_we_met", N_("What was your life like just before we met?"), pack="memories"),
    Question(
        "d_almost_missed",
        N_("Was there a moment when we almost missed each other?"),
        pack="memories",
    ),
    Question(
        "d_first_gift",
        N_("What was the very first gift I gave you? Do you still have it?"),
        pack="memories",
    ),
    Question("d_best_birthday", N_("What was your best birthday ever?"), pack="memories"),
    Question(
        "d_childhood_friend",
        N_("Who was your best friend as a child, and what did you get up to?"),
        pack="memories",
    ),
    Question(
        "d_at_sixteen",
        N_("Tell me about you at sixteen: what did you care about?"),
        pack="memories",
    ),
    Question("d_teen_music", N_("What music did you listen to as a teenager?"), pack="memories"),
    Question("d_braver", N_("When were you braver than you expected to be?"), pack="memories"),
    Question(
        "d_family_tradition",
        N_("Which family tradition from your childhood would you like to keep?"),
        pack="memories",
    ),
    Question(
        "d_family_taught",
        N_("What is the most valuable thing your family taught you?"),
        pack="memories",
    ),
    Question(
        "d_child_nickname",
        N_("Did you have a nickname as a child? Who came up with it?"),
        pack="memories",
    ),
    Question(
        "d_embarrassing_story",
        N_("Which slightly embarrassing story can you laugh about now?"),
        pack="memories",
    ),
    Question("d_early_months", N_("What do you miss from our very first months?"), pack="memories"),
    Question(
        "d_hard_time",
        N_("Which hard time did we get through together, and how did it make us stronger?"),
        pack="memories",
    ),
    Question("d_repeat_trip", N_("Which trip of ours would you repeat tomorrow?"), pack="memories"),
    Question(
        "d_first_love_you", N_("Do you remember when we first said ‘I love you’?"), pack="memories"
    ),
    Question("d_childhood_fear", N_("What scared you as a child?"), pack="memories"),
    Question("d_hideout", N_("Did you have a secret hideout as a child?"), pack="memories"),
    Question(
        "d_childhood_book", N_("Which book or cartoon shaped your childhood?"), pack="memories"
    ),
    Question(
        "d_grandparents",
        N_("What do you remember about visiting grandparents or other relatives?"),
        pack="memories",
    ),
    Question(
        "d_best_advice", N_("What is the best advice you have ever been given?"), pack="memories"
    ),
    Question(
        "d_past_achievement",
        N_("Which achievement from your past are you still proud of?"),
        pack="memories",
    ),
    Question(
        "d_turning_point", N_("Which moment changed the direction of your life?"), pack="memories"
    ),
    Question(
        "d_song_back", N_("Which song takes you back to one particular moment?"), pack="memories"
    ),
    Question(
        "d_child_photo",
        N_("Describe a childhood photo of yourself that you love."),
        pack="memories",
    ),
    Question(
        "d_how_we_met", N_("Tell the story of how we met, in two sentences."), pack="memories"
    ),
    Question(
        "d_forgotten_detail",
        N_("Which small detail from our early days do you think I have forgotten?"),
        pack="memories",
    ),
    Question(
        "d_youth_mistake",
        N_("Which youthful mistake are you secretly glad about?"),
        pack="memories",
    ),
    Question(
        "d_went_wrong", N_("Which of our outings went wrong in the funniest way?"), pack="memories"
    ),
    Question(
        "d_memorable_meal", N_("Which meal we have shared do you remember best?"), pack="memories"
    ),
    Question(
        "d_first_visit",
        N_("What stuck with you from your first visit to my place?"),
        pack="memories",
    ),
    Question(
        "d_meet_family",
        N_("How did meeting my family or friends go, from your side?"),
        pack="memories",
    ),
    Question(
        "d_first_celebration",
        N_("What was our first holiday or celebration together like?"),
        pack="memories",
    ),
    Question(
        "d_adventure_before",
        N_("What was the biggest adventure you had before we met?"),
        pack="memories",
    ),
    Question(
        "d_small_moment",
        N_("Which small moment of ours do you think about more often than I'd guess?"),
        pack="memories",
    ),
    Question(
        "d_relive_day", N_("Which day of your life would you happily live again?"), pack="memories"
    ),
    Question(
        "d_old_belief",
        N_("What did you believe as a child that makes you smile now?"),
        pack="memories",
    ),
    Question(
        "d_child_role",
        N_("What kind of child were you?"),
        (
            N_("The quiet one"),
            N_("The ringleader"),
            N_("The bookworm"),
            N_("Always on the move"),
        ),
        pack="memories",
    ),
    Question(
        "d_child_summers",
        N_("Where did you spend your childhood summers?"),
        (
            N_("With grandparents"),
            N_("At the seaside"),
            N_("At summer camp"),
            N_("In the city"),
        ),
        pack="memories",
    ),
    Question(
        "d_school_subject",
        N_("Which school subject was your favourite?"),
        (
            N_("Maths"),
            N_("Literature"),
            N_("PE"),
            N_("Break time"),
        ),
        pack="memories",
    ),
    Question(
        "d_before_first_date",
        N_("How did you feel right before our first date?"),
        (
            N_("Nerves"),
            N_("Excitement"),
            N_("Calm"),
            N_("All at once"),
        ),
        pack="memories",
    ),
    # Dreams and future: plans, hopes, bucket list.
    Question("d_travel_together", N_("Where would you love us to travel together?"), pack="future"),
    Question("d_five_years", N_("Where do you see us in five years?"), pack="future"),
    Question("d_new_tradition", N_("What tradition would you like us to start?"), pack="future"),
    Question("d_bucket_list", N_("What is one thing on your bucket list?"), pack="future"),
    Question(
        "d_dream_home",
        N_("Where would our dream home be?"),
        (
            N_("By the sea"),
            N_("In the mountains"),
            N_("In a big city"),
            N_("In the countryside"),
        ),
        pack="future",
    ),
    Question(
        "d_try_together", N_("What is something new you'd like us to try together?"), pack="future"
    ),
    Question("d_skill_to_master", N_("Which skill would you love to master?"), pack="future"),
    Question(
        "d_learn_together",
        N_("What would you rather learn together?"),
        (
            N_("To dance"),
            N_("A new language"),
            N_("To play music"),
            N_("To grow a garden"),
        ),
        pack="future",
    ),
    Question("d_time_capsule", N_("What would you put in a time capsule about us?"), pack="future"),
    Question(
        "d_money_no_object",
        N_("If money didn't matter, how would you spend your days?"),
        pack="future",
    ),
    Question(
        "d_next_trip",
        N_("Our next trip should be…"),
        (
            N_("Sunny and slow"),
            N_("Full of adventure"),
            N_("A city to explore"),
            N_("Somewhere cosy"),
        ),
        pack="future",
    ),
    Question(
        "d_ten_years",
        N_("What message would you leave for us to read in ten years?"),
        pack="future",
    ),
    Question(
        "d_braver_next_year", N_("Where would you like to be braver next year?"), pack="future"
    ),
    Question(
        "d_next_year_goal",
        N_("What would you like to have achieved by this time next year?"),
        pack="future",
    ),
    Question(
        "d_before_year_ends", N_("What should we do together before the year ends?"), pack="future"
    ),
    Question(
        "d_job_for_year",
        N_("If you could have any job for a year, what would it be?"),
        pack="future",
    ),
    Question("d_home_must_have", N_("What must our future home have?"), pack="future"),
    Question(
        "d_small_dream_month",
        N_("Which small dream could we make come true this month?"),
        pack="future",
    ),
    Question("d_one_day_we", N_("Finish the sentence: one day we will definitely…"), pack="future"),
    Question(
        "d_big_adventure", N_("What is the biggest adventure you'd like us to have?"), pack="future"
    ),
    Question(
        "d_at_seventy", N_("What kind of person do you hope to be at seventy?"), pack="future"
    ),
    Question(
        "d_work_path",
        N_("Where would you like your work to take you in the next few years?"),
        pack="future",
    ),
    Question(
        "d_see_live",
        N_("Which event in the world would you love us to see in person?"),
        pack="future",
    ),
    Question("d_our_family", N_("What does our family look like in your dreams?"), pack="future"),
    Question(
        "d_cause_support",
        N_("Which good cause would you like us to support together?"),
        pack="future",
    ),
    Question(
        "d_morning_twenty",
        N_("Describe an ordinary morning of ours twenty years from now."),
        pack="future",
    ),
    Question(
        "d_save_for",
        N_("What would you love us to save up for?"),
        (
            N_("A big trip"),
            N_("A place of our own"),
            N_("A car"),
            N_("A rainy-day fund"),
        ),
        pack="future",
    ),
    Question(
        "d_anniversary_plan",
        N_("How should we celebrate our next anniversary?"),
        (
            N_("A trip away"),
            N_("A fancy dinner"),
            N_("A cosy night in"),
            N_("A party"),
        ),
        pack="future",
    ),
    Question(
        "d_live_abroad",
        N_("Would you live abroad with me?"),
        (
            N_("Yes, tomorrow"),
            N_("For a year or two"),
            N_("Only on holiday"),
            N_("Home is best"),
        ),
        pack="future",
    ),
    Question(
        "d_physical_challenge",
        N_("Which physical challenge should we take on together?"),
        pack="future",
    ),
    Question(
        "d_small_business",
        N_("If we opened a small business together, what would it be?"),
        (
            N_("A café"),
            N_("A bookshop"),
            N_("A guesthouse"),
            N_("An online shop"),
        ),
        pack="future",
    ),
    Question("d_next_step", N_("What is the next big step you'd like us to take?"), pack="future"),
    Question("d_wish_for_me", N_("What do you wish for me this year?"), pack="future"),
    Question(
        "d_three_months_off",
        N_("If we had three months off together, how would we spend them?"),
        pack="future",
    ),
    Question("d_unspoken_dream", N_("Which dream have you never said out loud?"), pack="future"),
    Question(
        "d_travel_mode",
        N_("Our dream way to travel"),
        (
            N_("A camper van"),
            N_("A sailing boat"),
            N_("A night train"),
            N_("Bicycles"),
        ),
        pack="future",
    ),
    Question(
        "d_plan_ahead",
        N_("How far ahead do you like to plan?"),
        (
            N_("Years ahead"),
            N_("A few months"),
            N_("A week at most"),
            N_("I don't plan"),
        ),
        pack="future",
    ),
    Question(
        "d_future_gift", N_("What would you like to give me one day, when we can?"), pack="future"
    ),
    Question(
        "d_new_year_dream",
        N_("If anything were possible, how would we see in the New Year?"),
        pack="future",
    ),
    Question(
        "d_couple_model",
        N_("Which couple you know would you like us to be like in twenty years?"),
        pack="future",
    ),
    Question(
        "d_dish_at_source", N_("Which dish should we taste in its home country?"), pack="future"
    ),
    Question(
        "d_evenings_next_year",
        N_("What would you like our evenings to look like a year from now?"),
        pack="future",
    ),
    Question(
        "d_next_chapter", N_("What should the next chapter of our story be called?"), pack="future"
    ),
    Question("d_biggest_hope", N_("What is your biggest hope for us?"), pack="future"),
    Question(
        "d_natural_wonder",
        N_("Which natural wonder should we see together?"),
        (
            N_("The northern lights"),
            N_("An active volcano"),
            N_("Whales in the ocean"),
            N_("Stars in the desert"),
        ),
        pack="future",
    ),
    Question("d_next_summer", N_("What should our next summer be like?"), pack="future"),
    Question(
        "d_life_pace",
        N_("The life you dream of is…"),
        (
            N_("Calm and unhurried"),
            N_("Busy and bright"),
            N_("Always on the road"),
            N_("Close to nature"),
        ),
        pack="future",
    ),
    Question(
        "d_big_party", N_("Which big celebration would you love to throw one day?"), pack="future"
    ),
    Question("d_note_to_self", N_("Write yourself a line to read a year from now."), pack="future"),
    Question(
        "d_year_word", N_("Which word would you like to sum up our next year?"), pack="future"
    ),
    Question(
        "d_your_dream_true",
        N_("Which of my dreams would you most like to see come true?"),
        pack="future",
    ),
    Question(
        "d_fifty_years_laugh",
        N_("What do you think we'll laugh about together in fifty years?"),
        pack="future",
    ),
    Question(
        "d_three_months_finish",
        N_("What should we finish in the next three months?"),
        pack="future",
    ),
    Question(
        "d_month_experiment",
        N_("Which little experiment should we try for a month?"),
        (
            N_("No sugar"),
            N_("A walk every day"),
            N_("No phones at dinner"),
            N_("A new recipe a week"),
        ),
        pack="future",
    ),
    Question("d_city_month", N_("Which city should we live in for a month?"), pack="future"),
    Question(
        "d_future_feeling",
        N_("Thinking about our future makes you feel…"),
        (
            N_("Excited"),
            N_("Calm"),
            N_("A little anxious"),
            N_("Curious"),
        ),
        pack="future",
    ),
    Question("d_learn_from_whom", N_("Who would you love to learn from one day?"), pack="future"),
    Question(
        "d_start_now",
        N_("What could you start now that you'll thank yourself for in five years?"),
        pack="future",
    ),
    Question(
        "d_special_date",
        N_("Which date should we save for a very special occasion?"),
        pack="future",
    ),
    Question(
        "d_future_invention",
        N_("Which future invention would you love to see in our lifetime?"),
        pack="future",
    ),
    Question(
        "d_small_luxury",
        N_("Which small luxury should we treat ourselves to one day?"),
        pack="future",
    ),
    Question(
        "d_future_us", N_("Which future version of us are you most excited to meet?"), pack="future"
    ),
    Question(
        "d_dance_somewhere", N_("Where would you like us to dance together one day?"), pack="future"
    ),
    Question(
        "d_outlast_us", N_("What could we build or plant that will outlast us?"), pack="future"
    ),
    # Deep talk: values, fears, growth, needs, love languages.
    Question("d_feel_loved", N_("When do you feel most loved by me?"), pack="deep"),
    Question(
        "d_support_stress", N_("How can I best support you when you're stressed?"), pack="deep"
    ),
    Question("d_proud_lately", N_("What are you most proud of lately?"), pack="deep"),
    Question(
        "d_need_more",
        N_("What do you need a little more of right now?"),
        (
            N_("Time together"),
            N_("Hugs"),
            N_("Kind words"),
            N_("A helping hand"),
        ),
        pack="deep",
    ),
    Question(
        "d_change_world",
        N_("If you could change one thing in the world, what would it be?"),
        pack="deep",
    ),
    Question(
        "d_share_worry", N_("Is there a worry you'd like to share with me today?"), pack="deep"
    ),
    Question(
        "d_recharge",
        N_("What recharges you best?"),
        (
            N_("A good sleep"),
            N_("Time alone"),
            N_("Time with friends"),
            N_("Time in nature"),
        ),
        pack="deep",
    ),
    Question("d_younger_self", N_("What would you tell your younger self?"), pack="deep"),
    Question("d_inspires_you", N_("Who inspires you, and why?"), pack="deep"),
    Question("d_feels_like_home", N_("What makes a place feel like home to you?"), pack="deep"),
    Question(
        "d_sharing_problem",
        N_("When you share a problem with me, what do you want most?"),
        (
            N_("Just listen"),
            N_("Give advice"),
            N_("Hold me"),
            N_("Distract me"),
        ),
        pack="deep",
    ),
    Question(
        "d_unknown_fact", N_("What is something about you I might not know yet?"), pack="deep"
    ),
    Question("d_love_means", N_("What does love mean to you?"), pack="deep"),
    Question("d_grown_together", N_("How have we grown since we met?"), pack="deep"),
    Question(
        "d_after_disagreement",
        N_("After a disagreement, what helps you most?"),
        (
            N_("Talking it through"),
            N_("Some space first"),
            N_("A warm hug"),
            N_("A small gesture"),
        ),
        pack="deep",
    ),
    Question(
        "d_grateful_people", N_("Who are you most grateful to have in your life?"), pack="deep"
    ),
    Question(
        "d_comfort_words",
        N_("What words do you most need to hear when things are hard?"),
        pack="deep",
    ),
    Question(
        "d_show_love",
        N_("How do you most naturally show love?"),
        (
            N_("With words"),
            N_("With touch"),
            N_("With my time"),
            N_("With deeds"),
        ),
        pack="deep",
    ),
    Question("d_fear_rarely", N_("Which fear of yours do you rarely talk about?"), pack="deep"),
    Question("d_value_never", N_("Which value would you never compromise on?"), pack="deep"),
    Question(
        "d_changed_mind", N_("What have you changed your mind about in recent years?"), pack="deep"
    ),
    Question("d_hard_to_ask", N_("What do you find hard to ask for?"), pack="deep"),
    Question("d_open_up", N_("What helps you open up to me?"), pack="deep"),
    Question("d_forgiveness", N_("What does it take for you to forgive someone?"), pack="deep"),
    Question(
        "d_hardest_lesson", N_("What is the hardest lesson life has taught you?"), pack="deep"
    ),
    Question(
        "d_unsaid_words", N_("Are there words you wish you had said to someone?"), pack="deep"
    ),
    Question("d_happiness_is", N_("Finish the sentence: for me, happiness is…"), pack="deep"),
    Question("d_success", N_("What does success look like to you?"), pack="deep"),
    Question("d_unsure_self", N_("When do you feel least sure of yourself?"), pack="deep"),
    Question(
        "d_proud_quality", N_("Which of your own qualities are you proudest of?"), pack="deep"
    ),
    Question("d_working_on", N_("What are you working on in yourself right now?"), pack="deep"),
    Question("d_safe_with_me", N_("Finish the sentence: I feel safe with you when…"), pack="deep"),
    Question("d_tears", N_("When did you last cry, and why?"), pack="deep"),
    Question("d_anger", N_("What should I know about how you handle anger?"), pack="deep"),
    Question("d_boundary", N_("What is a line nobody should cross with you?"), pack="deep"),
    Question(
        "d_from_parents",
        N_("Which trait from your parents do you want to keep, and which to leave behind?"),
        pack="deep",
    ),
    Question("d_meaning", N_("What gives your life meaning?"), pack="deep"),
    Question("d_believe", N_("What do you believe in that not everyone does?"), pack="deep"),
    Question("d_apology", N_("What kind of apology feels real to you?"), pack="deep"),
    Question(
        "d_stress_signs",
        N_("How can I tell you're stressed, even when you don't show it?"),
        pack="deep",
    ),
    Question(
        "d_never_change", N_("What should never change between us, whatever happens?"), pack="deep"
    ),
    Question("d_do_better", N_("What could we do better as a couple?"), pack="deep"),
    Question("d_lonely", N_("When do you feel lonely, even with people around?"), pack="deep"),
    Question("d_unspoken_need", N_("Is there a need of yours that I don't see yet?"), pack="deep"),
    Question(
        "d_self_talk", N_("How do you talk to yourself when you make a mistake?"), pack="deep"
    ),
    Question("d_if_not_afraid", N_("What would you do if you weren't afraid?"), pack="deep"),
    Question(
        "d_money_means",
        N_("What does money mean to you most of all?"),
        (
            N_("Safety"),
            N_("Freedom"),
            N_("Comfort"),
            N_("Just a tool"),
        ),
        pack="deep",
    ),
    Question("d_most_yourself", N_("When do you feel most like yourself?"), pack="deep"),
    Question(
        "d_right_or_close",
        N_("In an argument, what matters more to you?"),
        (
            N_("Being right"),
            N_("Staying close"),
            N_("Depends on the day"),
        ),
        pack="deep",
    ),
    Question("d_respect", N_("What earns your respect?"), pack="deep"),
    Question("d_believe_in_us", N_("What helps you believe in us on a hard day?"), pack="deep"),
    Question(
        "d_childhood_love",
        N_("What from your childhood still shapes the way you love?"),
        pack="deep",
    ),
    Question(
        "d_fear_about_us", N_("What is your biggest fear about us, if you have one?"), pack="deep"
    ),
    Question(
        "d_ask_me_about", N_("What do you wish people asked you about more often?"), pack="deep"
    ),
    Question("d_softer_on_me", N_("Where do you think I should go easier on myself?"), pack="deep"),
    Question(
        "d_decisions",
        N_("How do you make big decisions?"),
        (
            N_("Gut feeling"),
            N_("Lists and logic"),
            N_("Talking it over"),
            N_("Sleeping on it"),
        ),
        pack="deep",
    ),
    Question("d_remembered_for", N_("What would you like to be remembered for?"), pack="deep"),
    Question("d_softens_heart", N_("What instantly softens your heart?"), pack="deep"),
    Question(
        "d_easier_to_write",
        N_("Is there anything you find easier to write to me than to say?"),
        pack="deep",
    ),
    Question(
        "d_self_care", N_("What does taking care of yourself look like for you?"), pack="deep"
    ),
    Question("d_grateful_hard", N_("Which difficult time are you now grateful for?"), pack="deep"),
    Question("d_hurts_more", N_("What hurts you more than people might think?"), pack="deep"),
    Question("d_changed_year", N_("What has changed in you over the past year?"), pack="deep"),
    Question("d_drains", N_("What drains you more than it should?"), pack="deep"),
    Question("d_put_off_talk", N_("Which conversation have we been putting off?"), pack="deep"),
    Question(
        "d_priorities",
        N_("What matters most to you right now?"),
        (
            N_("Health"),
            N_("Love"),
            N_("Work"),
            N_("Peace of mind"),
        ),
        pack="deep",
    ),
    Question(
        "d_criticism",
        N_("How would you prefer to hear criticism from me?"),
        (
            N_("Straight out"),
            N_("Gently"),
            N_("In writing"),
            N_("Not today, please"),
        ),
        pack="deep",
    ),
    Question(
        "d_learned_self", N_("What has our relationship taught you about yourself?"), pack="deep"
    ),
    Question("d_hard_no", N_("Who do you find it hardest to say no to?"), pack="deep"),
    Question(
        "d_alone_time",
        N_("How much time alone do you need in a week?"),
        (
            N_("Hardly any"),
            N_("A few hours"),
            N_("A day or more"),
            N_("It depends"),
        ),
        pack="deep",
    ),
    Question(
        "d_overlooked_beauty",
        N_("What do you find beautiful that others tend to overlook?"),
        pack="deep",
    ),
    Question(
        "d_remember_in_argument", N_("What should I remember even when we argue?"), pack="deep"
    ),
    Question("d_enough", N_("When do you feel you have enough?"), pack="deep"),
    Question(
        "d_strength_source", N_("Where do you find strength when things are hard?"), pack="deep"
    ),
    # Spicy (18+): flirty, romantic, sensual; only when both partners turned it on.
    Question("d_want_kiss", N_("What first made you want to kiss me?"), pack="spicy"),
    Question("d_drives_wild", N_("Which little thing I do drives you a bit wild?"), pack="spicy"),
    Question("d_kiss_where", N_("Where should I kiss you right now?"), pack="spicy"),
    Question(
        "d_hands_to_self",
        N_("In which outfit of mine is it hardest to keep your hands to yourself?"),
        pack="spicy",
    ),
    Question(
        "d_romantic_setting",
        N_("Pick the setting for a romantic night"),
        (
            N_("Candles at home"),
            N_("A hotel room"),
            N_("Under the stars"),
            N_("A cabin with a fire"),
        ),
        pack="spicy",
    ),
    Question(
        "d_impatient_date",
        N_("Describe a date that would make you impatient to be alone with me."),
        pack="spicy",
    ),
    Question("d_touch", N_("Which kind of touch do you love most?"), pack="spicy"),
    Question(
        "d_fantasy", N_("Is there a little fantasy you'd like to share with me?"), pack="spicy"
    ),
    Question("d_drawn_to_me", N_("When are you most drawn to me?"), pack="spicy"),
    Question(
        "d_in_the_mood",
        N_("Tonight, you're in the mood for…"),
        (
            N_("Tenderness"),
            N_("Something playful"),
            N_("Passion"),
            N_("Just cuddles"),
        ),
        pack="spicy",
    ),
    Question(
        "d_massage",
        N_("Where would you like a massage from me tonight?"),
        (
            N_("Back"),
            N_("Feet"),
            N_("Shoulders"),
            N_("Everywhere"),
        ),
        pack="spicy",
    ),
    Question("d_blush", N_("Which moment between us still makes you blush?"), pack="spicy"),
    Question("d_my_body", N_("What do you love about my body?"), pack="spicy"),
    Question("d_like_yourself", N_("When do you feel most attractive?"), pack="spicy"),
    Question("d_my_scent", N_("Which scent of mine do you love?"), pack="spicy"),
    Question("d_wear_to_bed", N_("What would you like me to wear to bed tonight?"), pack="spicy"),
    Question(
        "d_flirt_rating",
        N_("How good am I at flirting, honestly?"),
        (
            N_("Irresistibly"),
            N_("Cute and clumsy"),
            N_("Too subtly"),
            N_("Lessons needed"),
        ),
        pack="spicy",
    ),
    Question(
        "d_first_night", N_("What do you remember about our first night together?"), pack="spicy"
    ),
    Question("d_unforgettable_kiss", N_("What makes a kiss unforgettable for you?"), pack="spicy"),
    Question(
        "d_romance_time",
        N_("When are you most in the mood for romance?"),
        (
            N_("In the morning"),
            N_("At night"),
            N_("Any time with you"),
        ),
        pack="spicy",
    ),
    Question("d_tease", N_("What is your favourite way for me to tease you?"), pack="spicy"),
    Question("d_my_look", N_("Which look from me makes your heart skip a beat?"), pack="spicy"),
    Question(
        "d_bath_shower",
        N_("For two: a bath or a shower?"),
        (
            N_("A bath"),
            N_("A shower"),
            N_("A hot tub under stars"),
        ),
        pack="spicy",
    ),
    Question(
        "d_one_sentence", N_("Write me one sentence I'll be thinking about all day."), pack="spicy"
    ),
    Question("d_daydream", N_("What do you daydream about when you think of me?"), pack="spicy"),
    Question(
        "d_counting_hours",
        N_("What makes you count the hours until we see each other?"),
        pack="spicy",
    ),
    Question(
        "d_mood_song", N_("Which song would set the mood for a night together?"), pack="spicy"
    ),
    Question(
        "d_slow_down",
        N_("Is there anything you'd like to take slower or say no to? That's always okay."),
        pack="spicy",
    ),
    Question(
        "d_more_of", N_("What would you love more of when we're alone together?"), pack="spicy"
    ),
    Question(
        "d_secret_signal",
        N_("Which secret signal should mean ‘let's go home early’?"),
        pack="spicy",
    ),
    Question(
        "d_weekend_away", N_("A weekend away with no plans except each other: where?"), pack="spicy"
    ),
    Question("d_feel_desired", N_("When is it clearest to you that I want you?"), pack="spicy"),
    Question(
        "d_strangers_bar",
        N_("We meet at a bar, pretending to be strangers. Who are you tonight?"),
        pack="spicy",
    ),
    Question(
        "d_romantic_food",
        N_("Which treat is the most romantic to share?"),
        (
            N_("Strawberries"),
            N_("Chocolate"),
            N_("Oysters"),
            N_("Ice cream"),
        ),
        pack="spicy",
    ),
    Question("d_unexpected_kiss", N_("Where was our most unexpected kiss?"), pack="spicy"),
    Question(
        "d_notice_alone", N_("What do you notice first about me when we're alone?"), pack="spicy"
    ),
    Question("d_chemistry_word", N_("Which word best describes our chemistry?"), pack="spicy"),
    Question(
        "d_lazy_morning", N_("Describe your perfect lazy morning in bed with me."), pack="spicy"
    ),
    Question(
        "d_dress_up",
        N_("Shall we dress up for each other one evening?"),
        (
            N_("Yes, something elegant"),
            N_("Yes, something daring"),
            N_("Pyjamas are sexy too"),
        ),
        pack="spicy",
    ),
    Question("d_kiss_random", N_("When do you most want to kiss me out of nowhere?"), pack="spicy"),
    Question(
        "d_flirt_public",
        N_("What's your favourite way to flirt with me discreetly in public?"),
        pack="spicy",
    ),
    Question(
        "d_switch_to_close",
        N_("What helps you switch from a busy day to being close?"),
        pack="spicy",
    ),
    Question(
        "d_spontaneous",
        N_("Romance: spontaneous or planned?"),
        (
            N_("Spontaneous"),
            N_("Planned"),
            N_("Surprise me"),
        ),
        pack="spicy",
    ),
    Question("d_melt", N_("Which compliment from me makes you melt?"), pack="spicy"),
    Question(
        "d_more_attractive",
        N_("What do you find more attractive in me now than when we met?"),
        pack="spicy",
    ),
    Question(
        "d_fall_asleep",
        N_("How do you like to fall asleep together?"),
        (
            N_("Spooning"),
            N_("Head on a shoulder"),
            N_("Holding hands"),
            N_("Each on our own side"),
        ),
        pack="spicy",
    ),
    Question("d_first_spark", N_("When did the first spark fly between us?"), pack="spicy"),
    Question(
        "d_eyes_closed",
        N_("Close your eyes and imagine me next to you. What happens first?"),
        pack="spicy",
    ),
    Question(
        "d_confess",
        N_("Confess: when did you last think about me not quite innocently?"),
        pack="spicy",
    ),
    Question(
        "d_romantic_tonight",
        N_("What is the most romantic thing I could do for you tonight?"),
        pack="spicy",
    ),
    Question(
        "d_after_close",
        N_("What do you love most about the moments right after we've been close?"),
        pack="spicy",
    ),
    Question(
        "d_spark_apart", N_("When we're apart, what keeps the spark alive for you?"), pack="spicy"
    ),
    Question(
        "d_romantic_ritual", N_("Which romantic ritual should we add to our week?"), pack="spicy"
    ),
    Question(
        "d_truth_dare", N_("Truth or dare, just for us: pick one and set it for me."), pack="spicy"
    ),
)

BY_ID: Mapping[str, Question] = index(QUESTIONS)
