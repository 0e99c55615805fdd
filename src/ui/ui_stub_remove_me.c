/* Temporary: replaced by the real app loop in src/ui/app.c. */
#include "ui.h"
int ui_run(const UiLaunch *launch) { (void)launch; return 0; }
