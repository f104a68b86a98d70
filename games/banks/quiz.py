"""How well do you know me: neutral prompts that read well both when answering about
yourself and when guessing your partner's answer. 2-4 short options each."""

from __future__ import annotations

from collections.abc import Mapping

from games.banks import Question, index
from games.text import N_

__all__ = ["BY_ID", "QUESTIONS"]

QUESTIONS: tuple[Question, ...] = (
    Question(
        "q_season",
        N_("Favourite season"),
        (N_("Spring"), N_("Summer"), N_("Autumn"), N_("Winter")),
    ),
    Question(
        "q_chronotype",
        N_("Early bird or night owl?"),
        (N_("Early bird"), N_("Night owl"), N_("Depends on the day")),
    ),
    Question(
        "q_hot_drink",
        N_("The perfect hot drink"),
        (N_("Coffee"), N_("Tea"), N_("Hot chocolate"), N_("No hot drinks")),
    ),
    Question(
        "q_holiday",
        N_("Dream holiday"),
        (N_("Beach and sunshine"), N_("Mountain hiking"), N_("City break"), N_("Cosy at home")),
    ),
    Question(
        "q_superpower",
        N_("Superpower of choice"),
        (N_("Flying"), N_("Invisibility"), N_("Teleportation"), N_("Reading minds")),
    ),
    Question(
        "q_pets",
        N_("Cats or dogs?"),
        (N_("Cats"), N_("Dogs"), N_("Both!"), N_("Neither")),
    ),
    Question(
        "q_comfort_food",
        N_("Ultimate comfort food"),
        (N_("Pizza"), N_("Pasta"), N_("Sushi"), N_("Homemade soup")),
    ),
    Question(
        "q_saturday_night",
        N_("Ideal Saturday night"),
        (N_("Party with friends"), N_("Film on the sofa"), N_("Dinner out"), N_("An early night")),
    ),
    Question(
        "q_unwind",
        N_("Best way to unwind after a hard day"),
        (N_("A hot bath"), N_("A workout"), N_("Talking it through"), N_("Series and snacks")),
    ),
    Question(
        "q_gift",
        N_("Favourite kind of gift"),
        (N_("Something handmade"), N_("An experience"), N_("Something useful"), N_("A surprise")),
    ),
    Question(
        "q_feel_loved",
        N_("What makes you feel most loved?"),
        (N_("Kind words"), N_("Time together"), N_("Hugs and kisses"), N_("Thoughtful help")),
    ),
    Question(
        "q_chocolate",
        N_("Favourite chocolate"),
        (N_("Dark chocolate"), N_("Milk chocolate"), N_("White chocolate"), N_("Not a fan")),
    ),
    Question(
        "q_breakfast",
        N_("Perfect breakfast"),
        (N_("Something sweet"), N_("Something savoury"), N_("Just coffee"), N_("I skip it")),
    ),
    Question(
        "q_film_genre",
        N_("Film genre for tonight"),
        (N_("Comedy"), N_("Thriller"), N_("Romance"), N_("Sci-fi or fantasy")),
    ),
    Question(
        "q_car_music",
        N_("In the car you usually…"),
        (N_("Sing along loudly"), N_("Listen to podcasts"), N_("Enjoy the quiet"), N_("Chat")),
    ),
    Question(
        "q_bonus_money",
        N_("Unexpected money goes to…"),
        (N_("Savings"), N_("Travel"), N_("A treat for me"), N_("Gifts for others")),
    ),
    Question(
        "q_spicy",
        N_("How spicy do you like it?"),
        (
            N_("The hotter the better"),
            N_("A little kick"),
            N_("Mild, please"),
            N_("No spice at all"),
        ),
    ),
    Question(
        "q_trip_planning",
        N_("Trip planning style"),
        (N_("Every detail planned"), N_("A rough plan"), N_("Pure improvisation")),
    ),
    Question(
        "q_first_thing",
        N_("First thing after waking up"),
        (N_("Check my phone"), N_("Make coffee"), N_("Cuddle"), N_("Hit snooze")),
    ),
    Question(
        "q_sleep_position",
        N_("Favourite sleeping position"),
        (N_("On my back"), N_("On my side"), N_("On my stomach"), N_("Starfish")),
    ),
    Question(
        "q_tidiness",
        N_("Tidiness level"),
        (N_("Everything in its place"), N_("Organised chaos"), N_("What mess?")),
    ),
    Question(
        "q_after_argument",
        N_("After a disagreement, you prefer to…"),
        (N_("Talk it out right away"), N_("Cool down first"), N_("Make a joke"), N_("Hug it out")),
    ),
    Question(
        "q_childhood_dream",
        N_("Childhood dream job"),
        (
            N_("Something heroic"),
            N_("Something creative"),
            N_("Something scientific"),
            N_("Working with animals"),
        ),
    ),
    Question(
        "q_exercise",
        N_("Favourite way to move"),
        (N_("Running"), N_("The gym"), N_("Dancing"), N_("A long walk")),
    ),
    Question(
        "q_reading",
        N_("Reading habits"),
        (N_("Paper books"), N_("E-reader"), N_("Audiobooks"), N_("I rarely read")),
    ),
    Question(
        "q_party_role",
        N_("At a party you are…"),
        (
            N_("The life of the party"),
            N_("In a cosy corner"),
            N_("Making friends with pets"),
            N_("Already heading home"),
        ),
    ),
    Question(
        "q_snack",
        N_("Go-to snack"),
        (N_("Something salty"), N_("Something sweet"), N_("Fruit"), N_("Nuts")),
    ),
    Question(
        "q_weather",
        N_("Perfect weather"),
        (N_("Hot and sunny"), N_("Cool and crisp"), N_("Rainy and cosy"), N_("Snowy")),
    ),
    Question(
        "q_time_machine",
        N_("With a time machine you would visit…"),
        (N_("The past"), N_("The future"), N_("I'd stay right here")),
    ),
    Question(
        "q_alone_place",
        N_("Favourite place to be alone"),
        (N_("At home"), N_("Out in nature"), N_("In a café"), N_("In the car")),
    ),
    Question(
        "q_kitchen_role",
        N_("In the kitchen you are…"),
        (
            N_("The head chef"),
            N_("A helpful assistant"),
            N_("The official taster"),
            N_("On delivery duty"),
        ),
    ),
    Question(
        "q_compliment",
        N_("Favourite compliment to receive"),
        (N_("About my looks"), N_("About my mind"), N_("About my kindness"), N_("About my humour")),
    ),
    Question(
        "q_birthday",
        N_("Ideal birthday"),
        (N_("A big party"), N_("Dinner with friends"), N_("Just the two of us"), N_("A trip away")),
    ),
    Question(
        "q_colours",
        N_("Favourite colours"),
        (N_("Warm tones"), N_("Cool tones"), N_("Black and white"), N_("Pastels")),
    ),
    Question(
        "q_fear",
        N_("Which would scare you most?"),
        (N_("Spiders"), N_("Heights"), N_("Public speaking"), N_("Deep water")),
    ),
    Question(
        "q_when_ill",
        N_("When you're ill, you want…"),
        (
            N_("Lots of care"),
            N_("To be left alone"),
            N_("Soup and films"),
            N_("To pretend I'm fine"),
        ),
    ),
    Question(
        "q_shopping",
        N_("Shopping style"),
        (N_("Quick and targeted"), N_("Browsing for hours"), N_("Online only"), N_("Avoid it")),
    ),
    Question(
        "q_losing",
        N_("When losing a game, you…"),
        (N_("Laugh it off"), N_("Demand a rematch"), N_("Quietly sulk"), N_("Never lose 😉")),
    ),
    Question(
        "q_date",
        N_("Favourite kind of date"),
        (N_("A fancy dinner"), N_("A picnic"), N_("An adventure"), N_("A night in")),
    ),
    Question(
        "q_alarms",
        N_("Alarms needed to get up"),
        (N_("Just one"), N_("Two or three"), N_("A whole series"), N_("I wake up on my own")),
    ),
    Question(
        "q_texting",
        N_("Texting style"),
        (N_("Long messages"), N_("Short and quick"), N_("Voice messages"), N_("Mostly stickers")),
    ),
    Question(
        "q_spirit_animal",
        N_("Spirit animal"),
        (N_("Cat"), N_("Owl"), N_("Dolphin"), N_("Fox")),
    ),
    Question(
        "q_desert_island",
        N_("One food for a desert island"),
        (N_("Bread"), N_("Cheese"), N_("Chocolate"), N_("Fruit")),
    ),
    Question(
        "q_lottery",
        N_("After a lottery win, first you would…"),
        (N_("Travel the world"), N_("Buy a home"), N_("Quit my job"), N_("Give a lot away")),
    ),
    Question(
        "q_style",
        N_("Everyday style"),
        (N_("Comfy above all"), N_("Smart and neat"), N_("Sporty"), N_("Bold and bright")),
    ),
    Question(
        "q_new_hobby",
        N_("A new hobby to try"),
        (N_("Painting"), N_("Dancing lessons"), N_("Pottery"), N_("A new language")),
    ),
    Question(
        "q_horror",
        N_("Horror films"),
        (
            N_("Love them"),
            N_("Watch through my fingers"),
            N_("Never again"),
            N_("Only with company"),
        ),
    ),
    Question(
        "q_road_trip",
        N_("On a road trip you are…"),
        (N_("The driver"), N_("The navigator"), N_("The DJ"), N_("In charge of snacks")),
    ),
    Question(
        "q_good_news",
        N_("Best way to celebrate good news"),
        (N_("Tell everyone"), N_("A quiet toast"), N_("Treat myself"), N_("Dance around")),
    ),
    Question(
        "q_dream_home",
        N_("Dream home"),
        (
            N_("City apartment"),
            N_("House by the sea"),
            N_("Cabin in the woods"),
            N_("Country cottage"),
        ),
    ),
)

BY_ID: Mapping[str, Question] = index(QUESTIONS)
