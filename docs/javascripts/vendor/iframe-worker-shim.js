/* iframe-worker 1.0.4 shim, (c) 2020-2022 Martin Donath, MIT licence (see iframe-worker-LICENSE.txt).
   Lets Material's search run in the offline copy opened from disk, without loading it from a CDN.

   Changed from the original so that it runs under the site's Content-Security-Policy, which
   allows no inline script: the original wrote an inline <script> into the iframe to define the
   worker's postMessage and importScripts. Here the page sets them on the (same-origin) iframe's
   window directly, messages go straight to the listeners instead of through window.postMessage,
   and the worker's script is added as an element with a src. */
"use strict";
(() => {
  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      const iframe = document.createElement("iframe");
      iframe.hidden = true;
      document.body.appendChild((this.iframe = iframe));
      const w = this.w;
      // Inside the worker, postMessage(data) reaches this object's listeners, as from a real worker.
      w.postMessage = (data) => {
        const event = new MessageEvent("message", { data: structuredClone(data) });
        this.dispatchEvent(event);
        if (this.onmessage) this.onmessage(event);
      };
      // importScripts, asynchronous as in the original shim: one script element after another.
      w.importScripts = (...urls) =>
        urls.reduce((done, src) => done.then(() => new Promise((resolve) => {
          const script = w.document.createElement("script");
          script.src = src;
          script.onload = resolve;
          w.document.body.appendChild(script);
        })), Promise.resolve());
      w.addEventListener("error", ({ message, lineno, colno, error }) => {
        const event = new ErrorEvent("error", { message, filename: url, lineno, colno, error });
        this.dispatchEvent(event);
        if (this.onerror) this.onerror(event);
      });
      this.r = new Promise((resolve, reject) => {
        const script = w.document.createElement("script");
        script.src = `${url}?${+Date.now()}`;
        script.onload = resolve;
        script.onerror = reject;
        w.document.body.appendChild(script);
      });
    }
    terminate() {
      this.iframe.remove();
    }
    postMessage(data) {
      this.r.catch(() => {}).then(() => {
        this.w.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
      });
    }
    get w() {
      return this.iframe.contentWindow;
    }
  }
  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
