/*
 * ces-bot web chat widget. Embed with one tag:
 *   <script src="https://your-bot.example/webchat/widget.js" data-survey="support-chat" defer></script>
 * Options (data attributes on the script tag): data-survey, data-locale, data-target (the id of an
 * element to render into; without it the widget adds its own at the end of the page).
 * The widget adds a link to its stylesheet, widget.css from the same origin, unless the page
 * already links it.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  var base = new URL(script.src, document.baseURI).origin;
  var options = {
    survey: script.dataset.survey || undefined,
    locale: script.dataset.locale || navigator.language,
    target: script.dataset.target,
  };
  var LABELS = {
    nl: {
      log: 'Gesprek',
      input: 'Uw antwoord',
      send: 'Verstuur',
      error: 'Versturen is mislukt. Probeer het opnieuw.',
    },
    en: {
      log: 'Conversation',
      input: 'Your answer',
      send: 'Send',
      error: 'Sending failed. Please try again.',
    },
  };
  var labels = LABELS[(options.locale || 'en').slice(0, 2).toLowerCase()] || LABELS.en;
  var session = null;
  var survey = options.survey;
  // One request at a time, so that a double click cannot send an answer twice.
  var busy = false;
  // Set once the bot reports that the conversation takes no more answers.
  var closed = false;
  loadStylesheet(base + '/webchat/widget.css');
  var ui = build();

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function loadStylesheet(href) {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      if (links[i].href === href) return;
    }
    var link = element('link');
    link.rel = 'stylesheet';
    link.href = href;
    (document.head || document.documentElement).appendChild(link);
  }

  function build() {
    var root = options.target && document.getElementById(options.target);
    if (!root) {
      root = element('div');
      document.body.appendChild(root);
    }
    var container = element('section', 'ces-chat');
    container.setAttribute('aria-label', labels.log);
    var log = element('ol', 'ces-chat__log');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    var choices = element('div', 'ces-chat__choices');
    choices.setAttribute('role', 'group');
    var form = element('form', 'ces-chat__form');
    var inputId = 'ces-chat-input-' + Math.random().toString(36).slice(2);
    var label = element('label', 'ces-visually-hidden', labels.input);
    label.htmlFor = inputId;
    var input = element('input', 'ces-chat__input');
    input.id = inputId;
    input.type = 'text';
    input.autocomplete = 'off';
    input.maxLength = 2000;
    var send = element('button', 'ces-chat__send', labels.send);
    send.type = 'submit';
    var error = element('p', 'ces-chat__error');
    error.setAttribute('role', 'alert');
    form.append(label, input, send);
    container.append(log, choices, form, error);
    root.appendChild(container);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text || busy) return;
      input.value = '';
      say(text, { text: text });
    });
    return { log: log, choices: choices, input: input, send: send, error: error };
  }

  /**
   * Disables what would send a message while a request is in flight. The text box stays usable
   * after the survey closes, because respondents may still ask for or erase their data.
   */
  function updateControls() {
    ui.send.disabled = busy;
    ui.choices.querySelectorAll('button').forEach(function (button) {
      button.disabled = busy;
    });
  }

  function messageId() {
    var bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) {
      return b.toString(16).padStart(2, '0');
    }).join('');
  }

  function post(path, body) {
    return fetch(base + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (!response.ok) throw new Error('status ' + response.status);
      return response.json();
    });
  }

  function append(text, who) {
    var item = element('li', 'ces-chat__message ces-chat__message--' + who, text);
    ui.log.appendChild(item);
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function showChoices(message) {
    ui.choices.replaceChildren();
    if (!message.buttons || !message.buttons.length) return;
    ui.choices.setAttribute('aria-label', message.text);
    message.buttons.forEach(function (choice) {
      var button = element('button', 'ces-chat__choice', choice.label);
      button.type = 'button';
      button.dataset.value = choice.value;
      button.addEventListener('click', function () {
        say(choice.label, { action: { stepId: message.stepId, value: choice.value } });
      });
      ui.choices.appendChild(button);
    });
  }

  function show(reply) {
    busy = false;
    closed = closed || reply.closed === true;
    ui.error.textContent = '';
    ui.choices.replaceChildren();
    reply.messages.forEach(function (message) {
      append(message.text, 'bot');
      if (!closed) showChoices(message);
    });
    updateControls();
    focusNext();
  }

  /** Focuses the first choice, else the text box, because a disabled button loses focus. */
  function focusNext() {
    var first = ui.choices.querySelector('button');
    (first || ui.input).focus();
  }

  function fail() {
    busy = false;
    updateControls();
    ui.error.textContent = labels.error;
    focusNext();
  }

  function say(shown, content) {
    if (busy) return;
    busy = true;
    updateControls();
    append(shown, 'me');
    var body = Object.assign({ session: session, messageId: messageId(), survey: survey }, content);
    post('/webchat/api/messages', body).then(show).catch(fail);
  }

  post('/webchat/api/sessions', { survey: survey, locale: options.locale })
    .then(function (reply) {
      session = reply.session;
      survey = reply.survey;
      show(reply);
    })
    .catch(fail);
})();
