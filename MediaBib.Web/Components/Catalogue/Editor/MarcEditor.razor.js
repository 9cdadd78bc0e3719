// Focus for the MARC editor's keyboard shortcuts: the input of the row just added or moved.
export function focus(id) {
    document.getElementById(id)?.focus();
}
