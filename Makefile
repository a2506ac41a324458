# Shortcuts for tasks.py, which needs nothing but Python 3.11.
.PHONY: run test i18n-update i18n-compile lint
run:
	python3 tasks.py run
test:
	python3 tasks.py test
i18n-update:
	python3 tasks.py i18n
i18n-compile:
	.venv/bin/python -m bot.catalogs compile
lint:
	.venv/bin/ruff check .
