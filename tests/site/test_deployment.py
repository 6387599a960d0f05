"""Production configuration: Django's deployment checks pass, and the container runs what CI runs."""

import re
import secrets
import subprocess

from bench.servers import BASE_DIR, manage, production_environment

DOCKERFILE = (BASE_DIR / "Dockerfile").read_text()


def test_the_deployment_checks_find_nothing_with_production_variables():
    environment = production_environment(
        "postgres://mvoi@127.0.0.1:5432/mvoi",  # never connected to: the checks only read the settings
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="mvoi.example.nl",
        SECURE_HTTPS="true",
    )
    output = manage("check", "--deploy", "--fail-level", "WARNING", environment=environment)
    assert "no issues" in output


def test_the_container_starts_make_serve_without_installing_anything():
    assert 'CMD ["make", "-o", "static", "serve"]' in DOCKERFILE
    plan = subprocess.run(
        ["make", "--dry-run", "-o", "static", "serve"], cwd=BASE_DIR, capture_output=True, text=True, check=True
    ).stdout
    assert "manage.py migrate" in plan and "gunicorn mvoi_portal.wsgi" in plan
    assert not re.search(r"pip install|npm ci|collectstatic|compilemessages", plan)


def test_the_container_build_copies_only_files_that_exist_and_runs_as_a_user():
    for line in DOCKERFILE.splitlines():
        if line.startswith("COPY ") and "--from=" not in line:
            *sources, _target = line.split()[1:]
            for source in sources:
                assert source == "." or (BASE_DIR / source).exists(), f"the Dockerfile copies a missing {source}"
    assert re.search(r"^USER (?!root)\w+", DOCKERFILE, re.MULTILINE)
    assert "HEALTHCHECK" in DOCKERFILE and "/healthz" in DOCKERFILE


def test_ci_the_container_and_the_readme_install_the_same_system_libraries_for_the_pdfs():
    ci = (BASE_DIR / ".ci" / "run").read_text()
    packages = re.search(r"^PDF_PACKAGES=\(([^)]*)\)", ci, re.MULTILINE).group(1).split()
    assert {"libpango-1.0-0", "libharfbuzz-subset0"} <= set(packages)  # what WeasyPrint loads
    install_in_image = re.search(r"apt-get install [^&]*", DOCKERFILE).group(0).split()
    readme = (BASE_DIR / "README.md").read_text()
    readme_install = re.search(r"`apt-get install (libpango[^`]*)`", readme).group(1).split()
    for package in packages:
        assert package in install_in_image, f"the Dockerfile does not install {package}"
        assert package in readme_install, f"the README does not name {package}"
