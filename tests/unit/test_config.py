from pathlib import Path

import pytest

from tracker.config import load_settings, normalise_database_url
from tracker.errors import ConfigError


def test_default_database_is_a_sqlite_file_under_tracker_home(tmp_path):
    settings = load_settings({"TRACKER_HOME": str(tmp_path)})
    assert settings.database_url == f"sqlite:///{tmp_path / 'tracker.db'}"
    assert settings.outbox_dir == tmp_path / "outbox"
    assert settings.timezone == "Asia/Shanghai"
    assert settings.smtp is None


def test_xdg_data_home_is_used_when_tracker_home_is_not_set(tmp_path):
    settings = load_settings({"XDG_DATA_HOME": str(tmp_path)})
    assert settings.home == tmp_path / "tracker"


def test_the_db_option_wins_over_the_environment(tmp_path):
    settings = load_settings({"TRACKER_DATABASE_URL": "sqlite:///env.db"}, database_url="sqlite:///opt.db")
    assert settings.database_url == "sqlite:///opt.db"


def test_plain_postgresql_urls_use_psycopg_3():
    assert normalise_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_a_bare_path_means_a_sqlite_file(tmp_path):
    assert normalise_database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"


def test_unknown_time_zone_is_a_config_error():
    with pytest.raises(ConfigError, match="TRACKER_TIMEZONE.*Mars/Olympus"):
        load_settings({"TRACKER_TIMEZONE": "Mars/Olympus"})


@pytest.mark.parametrize(
    "env,message",
    [
        ({"TRACKER_SMTP_HOST": "mail", "TRACKER_SMTP_TLS": "maybe"}, "TRACKER_SMTP_TLS"),
        ({"TRACKER_SMTP_HOST": "mail", "TRACKER_SMTP_PORT": "smtp"}, "TRACKER_SMTP_PORT"),
        ({"TRACKER_SMTP_HOST": "mail", "TRACKER_SMTP_PORT": "70000"}, "TRACKER_SMTP_PORT"),
    ],
)
def test_broken_smtp_settings_name_the_variable(env, message):
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_the_smtp_password_is_not_in_the_settings_repr():
    settings = load_settings({"TRACKER_SMTP_HOST": "mail", "TRACKER_SMTP_PASSWORD": "hunter2-secret"})
    assert settings.smtp.password == "hunter2-secret"
    assert "hunter2-secret" not in repr(settings)
    assert "hunter2-secret" not in repr(settings.smtp)


@pytest.mark.parametrize("value", ["tracker@example.org\r\nBcc: all@example.org", "a@b.org\nX: y", "a@b.org\tx"])
def test_a_mail_from_with_control_characters_is_refused_as_bad_configuration(value, tmp_path):
    with pytest.raises(ConfigError, match="TRACKER_MAIL_FROM"):
        load_settings({"TRACKER_HOME": str(tmp_path), "TRACKER_MAIL_FROM": value})


def test_the_smtp_timeout_is_configurable_and_checked(tmp_path):
    env = {"TRACKER_HOME": str(tmp_path), "TRACKER_SMTP_HOST": "127.0.0.1", "TRACKER_SMTP_TLS": "none"}
    assert load_settings({**env, "TRACKER_SMTP_TIMEOUT": "2.5"}).smtp.timeout == 2.5
    with pytest.raises(ConfigError, match="TRACKER_SMTP_TIMEOUT"):
        load_settings({**env, "TRACKER_SMTP_TIMEOUT": "soon"})
