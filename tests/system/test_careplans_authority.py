"""Given a peer support worker with Dan in the room, when she writes down his words and records a sharing
choice he makes, then Dan sees both as recorded by her (never as his own writing), and the pages are
accessible."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_dan_sees_the_words_and_consent_a_peer_worker_recorded_for_him(
    browser, live_server, sign_in, safety_plan, carer_supporter, assert_accessible
):
    base = live_server.url
    worker: Page = browser.new_context().new_page()
    dan: Page = browser.new_context().new_page()

    # Lucy writes down what Dan says in the room, as his words written down by her.
    sign_in(worker, "peerworker")
    worker.goto(f"{base}/people/plans/{safety_plan.pk}/sections/coping/add/")
    expect(worker.get_by_label("The person's own words")).to_have_count(0)
    worker.get_by_label("Step 2: Things to do alone").fill("Drumming along to old records")
    worker.get_by_label("Their words, said here with me", exact=False).check()
    worker.get_by_role("button", name="Save").click()
    expect(worker.get_by_text("Said by Dan Hughes, written down by Lucy Brennan").first).to_be_visible()

    # Dan tells her he wants his mum to see his coping ideas too; she records his consent as given.
    worker.goto(f"{base}/people/supporters/{carer_supporter.pk}/sharing/")
    assert_accessible(worker)
    worker.get_by_label("Step 2: Things I can do on my own to take my mind off things").check()
    worker.get_by_label("Said so in the room").check()
    worker.get_by_role("button", name="Save").click()
    expect(worker.get_by_text("What Margaret Hughes can see has been saved.")).to_be_visible()

    # Dan, in his own login, sees her note of his words marked as written down by her.
    sign_in(dan, "serviceuser")
    dan.goto(f"{base}/people/plans/{safety_plan.pk}/")
    expect(dan.get_by_text("Drumming along to old records", exact=True)).to_be_visible()
    expect(dan.get_by_text("Said by you, written down by Lucy Brennan")).to_be_visible()
    assert_accessible(dan)

    # And his sharing page tells him of the consent she recorded, and how he gave it.
    dan.goto(f"{base}/people/supporters/{carer_supporter.pk}/sharing/")
    notice = dan.locator("#sharing-recorded-for-you")
    expect(notice).to_contain_text("Lucy Brennan recorded that Margaret Hughes can see")
    expect(notice).to_contain_text("How you gave it: said so in the room")
    assert_accessible(dan)
