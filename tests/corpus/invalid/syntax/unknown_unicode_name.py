x = "\N{nonexistent}"
