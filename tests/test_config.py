from pathlib import Path

import pytest

from bot.config import ConfigError, load_config
from tests.fakeclock import TOKEN


def test_a_missing_token_explains_how_to_get_one_from_botfather(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="@BotFather"):
        load_config({"CLAIMWACHT_DATA_DIR": str(tmp_path)})


def test_a_malformed_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not look like a bot token"):
        load_config({"TELEGRAM_BOT_TOKEN": "hello", "CLAIMWACHT_DATA_DIR": str(tmp_path)})


def test_an_unknown_timezone_names_an_example(tmp_path: Path) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "CLAIMWACHT_DATA_DIR": str(tmp_path),
        "CLAIMWACHT_TIMEZONE": "Mars/Olympus",
    }
    with pytest.raises(ConfigError, match="Europe/Amsterdam"):
        load_config(env)


def test_an_unwritable_data_dir_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError, match="not a writable directory"):
        load_config({"TELEGRAM_BOT_TOKEN": TOKEN, "CLAIMWACHT_DATA_DIR": str(blocker / "data")})


def test_defaults_are_amsterdam_and_no_custom_server(tmp_path: Path) -> None:
    config = load_config({"TELEGRAM_BOT_TOKEN": TOKEN, "CLAIMWACHT_DATA_DIR": str(tmp_path)})
    assert config.timezone.key == "Europe/Amsterdam"
    assert config.base_url is None and config.base_file_url is None
    assert config.database_path == tmp_path / "claimwacht.sqlite3"


def test_a_base_url_must_be_http(tmp_path: Path) -> None:
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "CLAIMWACHT_DATA_DIR": str(tmp_path),
        "TELEGRAM_BASE_URL": "127.0.0.1:8081/bot",
    }
    with pytest.raises(ConfigError, match="http://"):
        load_config(env)
