TOOLS += sec-site
sec-site_SRC = cmd/sec-site/main.c cmd/sec-site/load.c \
	cmd/sec-site/archive.c cmd/sec-site/pages.c cmd/sec-site/assets.c
# SQLITE_LIBS: cmd/sec-archive/module.mk
sec-site_LIBS = $(SQLITE_LIBS)
# the page script and style sheet are files of their own (site.js and
# site.css, so that they can be read and linted as such), compiled in
SITE_ASSETS = cmd/sec-site/site.js cmd/sec-site/site.css
$(O)/cmd/sec-site/assets.o: $(O)/gen/sec_site_assets.h
$(O)/cmd/sec-site/assets.o: SEC_CPPFLAGS += -I$(O)/gen
$(O)/gen/sec_site_assets.h: $(SITE_ASSETS) scripts/embed-lines
	@mkdir -p $(@D)
	sh scripts/embed-lines site_js_lines_ cmd/sec-site/site.js >$@.tmp
	sh scripts/embed-lines site_css_lines_ cmd/sec-site/site.css >>$@.tmp
	mv $@.tmp $@
