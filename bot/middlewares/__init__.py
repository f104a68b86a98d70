"""Update middlewares, registered by bot.dispatcher in a deliberate order."""
