// Passkeys (ADR 0027): asks the browser for a new passkey or for a signature with an existing one, and
// posts the browser's answer in the page's own form. The server checks everything; without JavaScript
// the passkey button stays hidden and the other ways to sign in are on the page.
(function () {
  "use strict";
  if (!window.PublicKeyCredential) return;

  function toBytes(value) {
    const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "===".slice((base64.length + 3) % 4);
    return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  }
  function toText(buffer) {
    let text = "";
    new Uint8Array(buffer).forEach((b) => { text += String.fromCharCode(b); });
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function credentialJson(credential) {
    const response = credential.response;
    const json = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      authenticatorAttachment: credential.authenticatorAttachment || undefined,
      response: { clientDataJSON: toText(response.clientDataJSON) },
    };
    if (response.attestationObject) {
      json.response.attestationObject = toText(response.attestationObject);
      json.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      json.response.authenticatorData = toText(response.authenticatorData);
      json.response.signature = toText(response.signature);
      if (response.userHandle) json.response.userHandle = toText(response.userHandle);
    }
    return JSON.stringify(json);
  }
  async function options(form) {
    const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    const answer = await fetch(form.dataset.optionsUrl, {
      method: "POST", headers: { "X-CSRFToken": token }, credentials: "same-origin",
    });
    if (!answer.ok) throw new Error("options refused");
    return answer.json();
  }
  function say(form, text) {
    const status = form.querySelector("#passkey-status");
    if (status) status.textContent = text;
  }

  const register = document.getElementById("passkey-register");
  if (register) {
    const button = register.querySelector("#passkey-button");
    button.hidden = false;
    register.addEventListener("submit", async (event) => {
      event.preventDefault();
      say(register, "Follow the instructions from your browser to create a passkey.");
      let credential = null;
      try {
        const o = await options(register);
        o.challenge = toBytes(o.challenge);
        o.user.id = toBytes(o.user.id);
        (o.excludeCredentials || []).forEach((c) => { c.id = toBytes(c.id); });
        credential = await navigator.credentials.create({ publicKey: o });
      } catch (error) {
        credential = null;
      }
      // Posted either way: with no credential the server answers with the page's error message.
      register.querySelector("input[name=credential]").value = credential ? credentialJson(credential) : "";
      register.submit();
    });
  }

  const verify = document.getElementById("passkey-verify");
  if (verify) {
    const button = verify.querySelector("#passkey-button");
    button.hidden = false;
    verify.addEventListener("submit", async (event) => {
      event.preventDefault();
      say(verify, "Follow the instructions from your browser to use your passkey.");
      let credential = null;
      try {
        const o = await options(verify);
        o.challenge = toBytes(o.challenge);
        (o.allowCredentials || []).forEach((c) => { c.id = toBytes(c.id); });
        credential = await navigator.credentials.get({ publicKey: o });
      } catch (error) {
        credential = null;
      }
      verify.querySelector("input[name=passkey-credential]").value = credential ? credentialJson(credential) : "{}";
      verify.submit();
    });
  }
})();
