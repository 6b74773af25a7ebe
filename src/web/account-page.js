/* global document, sessionStorage, fetch, window */
// What the recruiter and publisher pages share: the API key (in the page's memory, or in the tab's session storage
// when asked), calls to the API with it, and the status and error lines. Every value from the API or the user is
// inserted as text (textContent, text nodes), never as HTML; the pages' Content-Security-Policy enforces this with
// Trusted Types.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function setStatus(text) {
    $('status').textContent = text;
  }

  /**
   * The key form (#api-key, #remember-key), the #error and #status lines. `storageKey` names the remembered key;
   * `inputs` maps each request field the API may name in an error to the page's input for it.
   */
  function accountPage({ storageKey, inputs }) {
    let apiKey = '';

    function showError(error) {
      const box = $('error');
      clear(box);
      box.appendChild(el('p', error.message));
      if (Array.isArray(error.fields) && error.fields.length) {
        const list = el('ul');
        for (const field of error.fields) {
          list.appendChild(el('li', `${field.field}: ${field.message}`));
          const input = inputs[field.field] && $(inputs[field.field]);
          if (input) input.setAttribute('aria-invalid', 'true');
        }
        box.appendChild(list);
      }
      box.hidden = false;
      setStatus('');
    }

    function hideError() {
      $('error').hidden = true;
      clear($('error'));
      for (const id of Object.values(inputs)) $(id).removeAttribute('aria-invalid');
    }

    /** Calls the API with the key; resolves to the JSON body, or rejects with { message, fields }. */
    async function api(method, path, body) {
      if (!apiKey) throw { message: 'Enter your API key first (section 1).' };
      const headers = { authorization: `Bearer ${apiKey}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response;
      try {
        response = await fetch(path, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch {
        throw { message: 'jobfeed cannot be reached. Check your connection and try again.' };
      }
      if (response.status === 204) return null;
      const data = await response.json().catch(() => null);
      if (!response.ok) {
        const error = (data && data.error) || { message: `The request failed (HTTP ${response.status}).` };
        if (response.status === 429 && response.headers.get('retry-after'))
          error.message = `${error.message} (wait ${response.headers.get('retry-after')} s)`;
        throw error;
      }
      return data;
    }

    /** Runs a task of the page, showing what went wrong instead of throwing. */
    async function run(task) {
      hideError();
      try {
        await task();
      } catch (error) {
        showError(error && error.message ? error : { message: String(error) });
      }
    }

    /** Takes the key from the form; the tab remembers it only while the box is ticked. */
    function useKey() {
      apiKey = $('api-key').value.trim();
      if ($('remember-key').checked && apiKey) sessionStorage.setItem(storageKey, apiKey);
      else sessionStorage.removeItem(storageKey);
      return apiKey;
    }

    /** A remembered key is filled in and used. */
    function restoreKey() {
      const remembered = sessionStorage.getItem(storageKey);
      if (remembered) {
        $('api-key').value = remembered;
        $('remember-key').checked = true;
        apiKey = remembered;
      }
      $('remember-key').addEventListener('change', useKey);
    }

    /**
     * Call once the page is loaded: the stats range, the remembered key, the key form (which lists the account's
     * `noun`s with `loadItems` and shows the first one's stats) and the stats form.
     */
    function start({ loadItems, noun, showStats }) {
      const [from, to] = window.JobfeedStats.defaultRange(new Date());
      $('stats-from').value = from;
      $('stats-to').value = to;
      restoreKey();
      $('key-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const key = useKey();
        void run(async () => {
          if (!key)
            throw { message: 'Enter your API key.', fields: [{ field: 'API key', message: 'is empty' }] };
          setStatus('Checking the key…');
          const items = await loadItems();
          if (items.length) await showStats();
          setStatus(`Key accepted. You have ${items.length} ${noun}${items.length === 1 ? '' : 's'}.`);
        });
      });
      $('stats-form').addEventListener('submit', (event) => {
        event.preventDefault();
        void run(showStats);
      });
    }

    return { api, run, start };
  }

  window.JobfeedPage = { $, el, clear, setStatus, accountPage };
})();
