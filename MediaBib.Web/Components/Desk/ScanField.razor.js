// Scan loop field: on Enter, take the value and clear the field at once (in the browser, so no character of the
// next barcode is lost), then hand the barcode to .NET. Calls reach the circuit in the order they were made.
export function attach(input, dotNet) {
    if (!input) {
        return;
    }
    const onKey = (e) => {
        if (e.key !== 'Enter') {
            return;
        }
        e.preventDefault();
        const value = input.value;
        input.value = '';
        if (value.trim().length > 0) {
            dotNet.invokeMethodAsync('OnScanned', value);
        }
    };
    input.addEventListener('keydown', onKey);
    input._mediabibScan = onKey;
    input.focus();
}

export function focus(input) {
    if (input) {
        input.focus();
    }
}

export function detach(input) {
    if (input && input._mediabibScan) {
        input.removeEventListener('keydown', input._mediabibScan);
        delete input._mediabibScan;
    }
}
