/* test_ui_fonts.c - the game still shows its text when fontconfig finds no
 * fonts (a broken or minimal font setup on a school machine): the text
 * cache falls back to the known paths of the Debian font packages.
 *
 * Its own program, because fontconfig reads its configuration once per
 * process: FONTCONFIG_FILE must point at an empty configuration before
 * anything starts it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "ui_driver.h"

static void test_text_shows_without_fontconfig_fonts(void **state)
{
    UiDriver *d = *state;
    const char *paths[] = {QUIZDECK_TEST_DATA "/valid"};
    ui_start(d, paths, 1, 1280, 720);
    /* The title's menu is drawn with readable text: its button is there and
     * has ink (text pixels) of the button-text colour inside it. */
    const AppWidget *play = ui_widget(d, "Play a round");
    SDL_Color bg = ui_pixel(d, play->rect.x + 4, play->rect.y + play->rect.h / 2);
    SDL_Rect middle = {play->rect.x, play->rect.y + play->rect.h / 2, play->rect.w, 1};
    assert_true(ui_ink(d, middle, bg, 60) > 40); /* about 90 in DejaVu Sans */
}

int main(void)
{
    /* An empty configuration: fontconfig starts but knows no font. */
    char conf[] = "/tmp/qd-fonts-conf-XXXXXX";
    int fd = mkstemp(conf);
    if (fd < 0)
        return 1;
    const char *empty = "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n";
    if (write(fd, empty, strlen(empty)) < 0)
        return 1;
    close(fd);
    setenv("FONTCONFIG_FILE", conf, 1);
    const struct CMUnitTest tests[] = {
        UI_TEST(test_text_shows_without_fontconfig_fonts),
    };
    int failed = ui_run_tests(tests);
    unlink(conf);
    return failed;
}
