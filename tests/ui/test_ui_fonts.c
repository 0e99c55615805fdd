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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "test_support.h"

static void test_text_shows_without_fontconfig_fonts(void **state)
{
    (void)state;
    char dir[] = "/tmp/qd-ui-fonts-XXXXXX";
    assert_non_null(mkdtemp(dir));
    const char *paths[] = {QUIZDECK_TEST_DATA "/valid"};
    AppConfig cfg = {.pack_paths = paths,
                     .pack_path_count = 1,
                     .data_dir = dir,
                     .width = 1280,
                     .height = 720,
                     .hidden = true};
    App *app = app_create(&cfg);
    assert_non_null(app);
    app_pump(app, 2);
    SDL_Color c;
    assert_true(app_read_pixel(app, 0, 0, &c));
    /* The title's menu is drawn with readable text: its button is there and
     * has ink (text pixels) of the button-text colour inside it. */
    const AppWidget *play = app_find_widget(app, "Play a round");
    assert_non_null(play);
    int ink = 0;
    SDL_Color bg;
    assert_true(app_read_pixel(app, play->rect.x + 4, play->rect.y + play->rect.h / 2, &bg));
    for (int x = play->rect.x; x < play->rect.x + play->rect.w; x += 2) {
        SDL_Color p;
        assert_true(app_read_pixel(app, x, play->rect.y + play->rect.h / 2, &p));
        ink += abs(p.r - bg.r) + abs(p.g - bg.g) + abs(p.b - bg.b) > 60;
    }
    assert_true(ink > 5);
    app_destroy(app);
    test_remove_tree(dir);
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
        cmocka_unit_test(test_text_shows_without_fontconfig_fonts),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    unlink(conf);
    return failed;
}
