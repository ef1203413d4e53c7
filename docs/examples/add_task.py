"""Adds a task to Autofocus, then prints the working page. Python 3.9+, standard library only.

Usage: AUTOFOCUS_URL=https://autofocus.example.com AUTOFOCUS_TOKEN=af_... \
       python add_task.py "Call the dentist"
"""

import json
import os
import sys
import urllib.error
import urllib.request

URL = os.environ.get("AUTOFOCUS_URL", "http://localhost:8000").rstrip("/") + "/graphql"
TOKEN = os.environ["AUTOFOCUS_TOKEN"]


def graphql(query: str, **variables: object) -> dict:
    body = json.dumps({"query": query, "variables": variables}).encode()
    request = urllib.request.Request(URL, data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("Authorization", f"Bearer {TOKEN}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            result = json.load(response)
    except urllib.error.HTTPError as error:  # 401, 429...: the body says why
        result = json.load(error)
    if result.get("errors"):
        error = result["errors"][0]
        sys.exit(f"{error['extensions']['code']}: {error['message']}")
    return result["data"]


added = graphql(
    "mutation Add($text: String!) { createItem(text: $text) { item { page position } } }",
    text=" ".join(sys.argv[1:]) or "Try the Autofocus API",
)["createItem"]["item"]
print(f"Added on page {added['page']} (line {added['position']}).")
data = graphql("query { user { page } items { text state } }")
print(f"Working page {data['user']['page']}:")
for item in data["items"]:
    print(f"  [{'x' if item['state'] != 'ACTIVE' else ' '}] {item['text']}")
