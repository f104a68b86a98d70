"""In sync: two-option "would you rather" and preference questions, answered in secret."""

from __future__ import annotations

from collections.abc import Mapping

from games.banks import Question, index
from games.text import N_

__all__ = ["BY_ID", "QUESTIONS"]

QUESTIONS: tuple[Question, ...] = (
    Question(
        "s_sea_mountains",
        N_("Holiday by the sea or in the mountains?"),
        (N_("By the sea"), N_("In the mountains")),
    ),
    Question("s_sunrise_sunset", N_("Sunrise or sunset?"), (N_("Sunrise"), N_("Sunset"))),
    Question(
        "s_cook_or_out",
        N_("Tonight: cook together or eat out?"),
        (N_("Cook together"), N_("Eat out")),
    ),
    Question(
        "s_past_future",
        N_("Would you rather visit the past or the future?"),
        (N_("The past"), N_("The future")),
    ),
    Question(
        "s_letter_song",
        N_("Would you rather receive a love letter or a song written for you?"),
        (N_("A love letter"), N_("A song")),
    ),
    Question(
        "s_city_country",
        N_("Live in a big city or in the countryside?"),
        (N_("Big city"), N_("Countryside")),
    ),
    Question("s_cats_dogs", N_("Cat person or dog person?"), (N_("Cats"), N_("Dogs"))),
    Question(
        "s_party_surprise",
        N_("Birthday: a planned party or a total surprise?"),
        (N_("Planned party"), N_("Total surprise")),
    ),
    Question(
        "s_fly_invisible",
        N_("Would you rather be able to fly or to become invisible?"),
        (N_("Fly"), N_("Become invisible")),
    ),
    Question(
        "s_book_film", N_("Read the book or watch the film?"), (N_("The book"), N_("The film"))
    ),
    Question("s_summer_winter", N_("Summer or winter?"), (N_("Summer"), N_("Winter"))),
    Question(
        "s_early_late",
        N_("Early to bed or up all night?"),
        (N_("Early to bed"), N_("Up all night")),
    ),
    Question(
        "s_stars_fireworks",
        N_("A night watching the stars or watching fireworks?"),
        (N_("The stars"), N_("Fireworks")),
    ),
    Question(
        "s_road_plane",
        N_("Road trip or plane tickets?"),
        (N_("Road trip"), N_("Plane tickets")),
    ),
    Question(
        "s_sweet_salty", N_("Sweet or salty popcorn?"), (N_("Sweet popcorn"), N_("Salty popcorn"))
    ),
    Question("s_call_text", N_("Call or text?"), (N_("A phone call"), N_("A text message"))),
    Question(
        "s_rain_snow",
        N_("A walk in the rain or in the snow?"),
        (N_("In the rain"), N_("In the snow")),
    ),
    Question(
        "s_dance_karaoke",
        N_("Dance like nobody's watching or sing karaoke?"),
        (N_("Dance"), N_("Sing karaoke")),
    ),
    Question(
        "s_beach_museum",
        N_("A lazy day at the beach or an afternoon in a museum?"),
        (N_("The beach"), N_("A museum")),
    ),
    Question(
        "s_breakfast_brunch",
        N_("Breakfast in bed or brunch in a café?"),
        (N_("Breakfast in bed"), N_("Brunch in a café")),
    ),
    Question(
        "s_rewatch_new",
        N_("Rewatch an old favourite or try something new?"),
        (N_("An old favourite"), N_("Something new")),
    ),
    Question(
        "s_camping_hotel",
        N_("Camping under the stars or a luxury hotel?"),
        (N_("Camping"), N_("Luxury hotel")),
    ),
    Question(
        "s_minds_future",
        N_("Would you rather read minds or see the future?"),
        (N_("Read minds"), N_("See the future")),
    ),
    Question(
        "s_words_actions",
        N_("Love is shown more in words or in actions?"),
        (N_("In words"), N_("In actions")),
    ),
    Question(
        "s_big_small",
        N_("Celebrations: big and loud or small and cosy?"),
        (N_("Big and loud"), N_("Small and cosy")),
    ),
    Question("s_coffee_tea", N_("Coffee or tea?"), (N_("Coffee"), N_("Tea"))),
    Question("s_pizza_sushi", N_("Pizza night or sushi night?"), (N_("Pizza"), N_("Sushi"))),
    Question(
        "s_hot_cold",
        N_("Which is worse: too hot or too cold?"),
        (N_("Too hot"), N_("Too cold")),
    ),
    Question(
        "s_picnic_rooftop",
        N_("A picnic in the park or dinner on a rooftop?"),
        (N_("Picnic in the park"), N_("Rooftop dinner")),
    ),
    Question(
        "s_adventure_rest",
        N_("A holiday full of adventure or complete relaxation?"),
        (N_("Adventure"), N_("Relaxation")),
    ),
    Question(
        "s_handmade_bought",
        N_("A handmade gift or a shop-bought one?"),
        (N_("Handmade"), N_("Shop-bought")),
    ),
    Question("s_lead_follow", N_("When dancing: lead or follow?"), (N_("I lead"), N_("I follow"))),
    Question(
        "s_music_talk",
        N_("On a long drive: music or conversation?"),
        (N_("Music"), N_("Conversation")),
    ),
    Question(
        "s_photos_moment",
        N_("Take lots of photos or just live the moment?"),
        (N_("Lots of photos"), N_("Live the moment")),
    ),
    Question(
        "s_sweater_tshirt",
        N_("Sweater weather or T-shirt weather?"),
        (N_("Sweater weather"), N_("T-shirt weather")),
    ),
    Question(
        "s_board_video",
        N_("Board games or video games?"),
        (N_("Board games"), N_("Video games")),
    ),
    Question(
        "s_cuddle_space",
        N_("Fall asleep cuddled up or with plenty of space?"),
        (N_("Cuddled up"), N_("Plenty of space")),
    ),
    Question(
        "s_first_date_anniversary",
        N_("Relive your first date or skip ahead to your 50th anniversary?"),
        (N_("Our first date"), N_("Our 50th anniversary")),
    ),
    Question(
        "s_kiss_hug",
        N_("A sudden kiss or a long hug?"),
        (N_("A sudden kiss"), N_("A long hug")),
    ),
    Question(
        "s_mystery_trip",
        N_("A mystery trip or one we plan together?"),
        (N_("Mystery trip"), N_("Planned together")),
    ),
    Question(
        "s_binge_episode",
        N_("Binge a whole series or one episode a night?"),
        (N_("Binge it all"), N_("One a night")),
    ),
    Question("s_cake_ice_cream", N_("Cake or ice cream?"), (N_("Cake"), N_("Ice cream"))),
    Question(
        "s_morning_evening",
        N_("A morning date or an evening date?"),
        (N_("Morning date"), N_("Evening date")),
    ),
    Question(
        "s_languages_instruments",
        N_("Speak every language or play every instrument?"),
        (N_("Every language"), N_("Every instrument")),
    ),
    Question(
        "s_famous_unknown",
        N_("Be famous or happily unknown?"),
        (N_("Famous"), N_("Happily unknown")),
    ),
    Question(
        "s_plants_pets",
        N_("A home full of plants or full of pets?"),
        (N_("Plants"), N_("Pets")),
    ),
    Question("s_bath_shower", N_("Bath or shower?"), (N_("Bath"), N_("Shower"))),
    Question(
        "s_window_aisle", N_("Window seat or aisle seat?"), (N_("Window seat"), N_("Aisle seat"))
    ),
)

BY_ID: Mapping[str, Question] = index(QUESTIONS)
