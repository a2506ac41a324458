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


def _webhook_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "CLAIMWACHT_DATA_DIR": str(tmp_path),
        "CLAIMWACHT_WEBHOOK_URL": "https://bot.example.org/claimwacht",
        **extra,
    }


def test_without_a_webhook_url_the_bot_polls(tmp_path: Path) -> None:
    config = load_config({"TELEGRAM_BOT_TOKEN": TOKEN, "CLAIMWACHT_DATA_DIR": str(tmp_path)})
    assert config.webhook is None


def test_webhook_mode_listens_on_localhost_8443_at_the_urls_path(tmp_path: Path) -> None:
    config = load_config(_webhook_env(tmp_path, CLAIMWACHT_WEBHOOK_SECRET="s3cret_-X"))
    assert config.webhook is not None
    webhook = config.webhook
    assert (webhook.listen, webhook.port, webhook.path) == ("127.0.0.1", 8443, "claimwacht")
    assert (webhook.url, webhook.secret) == ("https://bot.example.org/claimwacht", "s3cret_-X")


@pytest.mark.parametrize("secret", ["", "has space", "semi;colon", "x" * 257])
def test_webhook_mode_refuses_a_missing_or_malformed_secret(tmp_path: Path, secret: str) -> None:
    with pytest.raises(ConfigError, match="CLAIMWACHT_WEBHOOK_SECRET must be set"):
        load_config(_webhook_env(tmp_path, CLAIMWACHT_WEBHOOK_SECRET=secret))


def test_a_256_character_secret_is_accepted(tmp_path: Path) -> None:
    config = load_config(_webhook_env(tmp_path, CLAIMWACHT_WEBHOOK_SECRET="a" * 256))
    assert config.webhook is not None and len(config.webhook.secret) == 256


def test_the_webhook_url_must_be_https(tmp_path: Path) -> None:
    env = _webhook_env(tmp_path, CLAIMWACHT_WEBHOOK_SECRET="s",
                       CLAIMWACHT_WEBHOOK_URL="http://bot.example.org/hook")
    with pytest.raises(ConfigError, match="https://"):
        load_config(env)


@pytest.mark.parametrize("port", ["0", "65536", "eighty"])
def test_the_webhook_port_must_be_a_port_number(tmp_path: Path, port: str) -> None:
    env = _webhook_env(tmp_path, CLAIMWACHT_WEBHOOK_SECRET="s", CLAIMWACHT_WEBHOOK_PORT=port)
    with pytest.raises(ConfigError, match="CLAIMWACHT_WEBHOOK_PORT"):
        load_config(env)


def test_the_webhook_listen_address_and_port_can_be_set(tmp_path: Path) -> None:
    env = _webhook_env(tmp_path, CLAIMWACHT_WEBHOOK_SECRET="s",
                       CLAIMWACHT_WEBHOOK_LISTEN="0.0.0.0", CLAIMWACHT_WEBHOOK_PORT="9000")
    webhook = load_config(env).webhook
    assert webhook is not None and (webhook.listen, webhook.port) == ("0.0.0.0", 9000)
