#!/usr/bin/env python3
"""Builds the Teams app package: manifest/build/teamsitbot.zip with manifest.json, color.png and
outline.png at the zip root, ready for Teams -> Apps -> Manage your apps -> Upload an app.

Values come from the environment, then from a .env file (default: the repository's .env):
  MicrosoftAppId         the Azure Bot's app (client) id            (required, GUID)
  BOT_PUBLIC_HOST        public host name of the bot, no scheme     (required, e.g. bot.contoso.com)
  TEAMS_APP_ID           the Teams app id (GUID)                    (default: MicrosoftAppId)
  DEVELOPER_WEBSITE_URL  https URL shown as the publisher's site    (default: https://BOT_PUBLIC_HOST/)
  PRIVACY_URL            https URL of the privacy statement         (default: DEVELOPER_WEBSITE_URL)
  TERMS_OF_USE_URL       https URL of the terms of use              (default: DEVELOPER_WEBSITE_URL)
  TEAMS_APP_VERSION      semver of the package                      (default: the manifest's version)
Usage: python3 manifest/package.py [--env-file PATH] [--output PATH]
"""
import argparse
import json
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
HOST = re.compile(r"^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$")
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")
# A zip entry's timestamp; fixed so the same input gives the same bytes.
FIXED_TIME = (2025, 1, 1, 0, 0, 0)


def read_env_file(path):
    values = {}
    if not path or not os.path.isfile(path):
        return values
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def settings(env_file):
    merged = read_env_file(env_file)
    merged.update({k: v for k, v in os.environ.items() if v})
    get = lambda key: (merged.get(key) or "").strip()

    problems = []
    app_id = get("MicrosoftAppId")
    host = get("BOT_PUBLIC_HOST")
    host = re.sub(r"^https?://", "", host).rstrip("/")
    if not GUID.match(app_id):
        problems.append("MicrosoftAppId must be the bot's app (client) id, a GUID")
    if not HOST.match(host):
        problems.append("BOT_PUBLIC_HOST must be the bot's public host name, e.g. teamsitbot.contoso.com")
    teams_app_id = get("TEAMS_APP_ID") or app_id
    if not GUID.match(teams_app_id):
        problems.append("TEAMS_APP_ID must be a GUID")
    website = get("DEVELOPER_WEBSITE_URL") or f"https://{host}/"
    urls = {
        "DEVELOPER_WEBSITE_URL": website,
        "PRIVACY_URL": get("PRIVACY_URL") or website,
        "TERMS_OF_USE_URL": get("TERMS_OF_USE_URL") or website,
    }
    for key, url in urls.items():
        if not url.startswith("https://"):
            problems.append(f"{key} must be an https URL")
    version = get("TEAMS_APP_VERSION")
    if version and not SEMVER.match(version):
        problems.append("TEAMS_APP_VERSION must look like 1.2.3")
    if problems:
        sys.exit("Cannot build the Teams app package:\n  - " + "\n  - ".join(problems))
    return {"TEAMS_APP_ID": teams_app_id, "MicrosoftAppId": app_id, "BOT_PUBLIC_HOST": host, **urls}, version


def render(values, version):
    with open(os.path.join(HERE, "manifest.json"), encoding="utf-8") as f:
        text = f.read()
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", json.dumps(value)[1:-1])
    left = re.findall(r"\{\{[^}]+\}\}", text)
    if left:
        sys.exit(f"manifest.json still has placeholders: {', '.join(sorted(set(left)))}")
    manifest = json.loads(text)
    if version:
        manifest["version"] = version
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def write_zip(path, manifest_text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        entries = [("manifest.json", manifest_text.encode("utf-8"))]
        for icon in ("color.png", "outline.png"):
            with open(os.path.join(HERE, icon), "rb") as f:
                entries.append((icon, f.read()))
        for name, data in entries:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    # The rendered manifest also goes beside the zip, for offline validation.
    with open(os.path.join(os.path.dirname(path), "manifest.json"), "w", encoding="utf-8") as f:
        f.write(manifest_text)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env-file", default=os.path.join(HERE, "..", ".env"))
    parser.add_argument("--output", default=os.path.join(HERE, "build", "teamsitbot.zip"))
    args = parser.parse_args()
    values, version = settings(args.env_file)
    write_zip(os.path.abspath(args.output), render(values, version))
    print(f"Wrote {os.path.abspath(args.output)} (app id {values['TEAMS_APP_ID']}, bot id {values['MicrosoftAppId']}, host {values['BOT_PUBLIC_HOST']})")


if __name__ == "__main__":
    main()
