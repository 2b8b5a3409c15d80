// ThingsBoard's HTTP Integration guide: the downlink encoder.
// Encode downlink data from incoming Rule Engine message
var result = {
    // downlink data content type: JSON, TEXT or BINARY (base64 format)
    contentType: "JSON",
    // downlink data
    data: JSON.stringify(msg),
    // Optional metadata object presented in key/value format
    metadata: {}
};
return result;
