// The device copy of every session: IndexedDB holds the grant, the session key, every accepted
// event and the outbox, so a reload, a crash or a lost connection loses nothing the applicant did.

const DB_NAME = "assay";
const DB_VERSION = 1;

/** Wraps an IDBRequest in a promise. */
function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Resolves when a transaction has committed (so the data is on disk, not just queued). */
function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error("the transaction was aborted"));
    tx.onerror = () => reject(tx.error);
  });
}

/** Opens (and on first use creates) the database. */
export async function openStore() {
  const request = indexedDB.open(DB_NAME, DB_VERSION);
  request.onupgradeneeded = () => {
    const db = request.result;
    // One slot per (backend, package): the session this browser is taking or has taken there.
    db.createObjectStore("slots", { keyPath: "slot" });
    db.createObjectStore("events", { keyPath: ["sid", "seq"] });
    // First in, first out: the key is an increasing number.
    db.createObjectStore("outbox", { keyPath: "n", autoIncrement: true });
  };
  return new Store(await done(request));
}

/** Typed access to the three object stores; every write resolves once durable. */
export class Store {
  constructor(db) {
    this.db = db;
  }

  async slot(slot) {
    return done(this.db.transaction("slots").objectStore("slots").get(slot));
  }

  async putSlot(record) {
    const tx = this.db.transaction("slots", "readwrite", { durability: "strict" });
    tx.objectStore("slots").put(record);
    return committed(tx);
  }

  async removeSlot(slot, sid) {
    const tx = this.db.transaction(["slots", "events"], "readwrite", { durability: "strict" });
    tx.objectStore("slots").delete(slot);
    tx.objectStore("events").delete(IDBKeyRange.bound([sid, 0], [sid, Infinity]));
    return committed(tx);
  }

  /** Every stored event of a session, in order. */
  async events(sid) {
    const range = IDBKeyRange.bound([sid, 0], [sid, Infinity]);
    const rows = await done(this.db.transaction("events").objectStore("events").getAll(range));
    return rows.map((row) => row.event);
  }

  /** Stores event number `seq` (0-based), and optionally the updated slot, in one transaction. */
  async putEvent(sid, seq, event, slot) {
    const tx = this.db.transaction(["events", "slots"], "readwrite", { durability: "strict" });
    tx.objectStore("events").add({ sid, seq, event });
    if (slot) tx.objectStore("slots").put(slot);
    return committed(tx);
  }

  /** Queues a delivery and updates the slot that produced it, atomically; returns its key. */
  async enqueue(entry, slot) {
    const tx = this.db.transaction(["outbox", "slots"], "readwrite", { durability: "strict" });
    const request = tx.objectStore("outbox").add(entry);
    if (slot) tx.objectStore("slots").put(slot);
    await committed(tx);
    return request.result;
  }

  /** Pending deliveries, oldest first. */
  async outbox() {
    return done(this.db.transaction("outbox").objectStore("outbox").getAll());
  }

  async updateEntry(entry) {
    const tx = this.db.transaction("outbox", "readwrite");
    tx.objectStore("outbox").put(entry);
    return committed(tx);
  }

  async removeEntry(n) {
    const tx = this.db.transaction("outbox", "readwrite", { durability: "strict" });
    tx.objectStore("outbox").delete(n);
    return committed(tx);
  }
}
