"""Project-wide test set-up."""

import pytest

FAKE_LOADER = "webpack_loader.loaders.FakeWebpackLoader"


def pytest_configure(config):
    from django.conf import settings

    # Unit tests render templates without a frontend build; browser tests switch back.
    settings.WEBPACK_LOADER["DEFAULT"]["LOADER_CLASS"] = FAKE_LOADER


@pytest.fixture(autouse=True)
def _clear_caches():
    from django.core.cache import cache

    cache.clear()
    yield
