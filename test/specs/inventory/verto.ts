import { field, type InventoryField, type InventoryMessage, type SeedInventory } from "./types.js";

/*
 * Every message and field of `seeds/003_f71ecd1939465a07.txt` (Verto, XSwitch/XRTC), kept by hand from the
 * document: types are the JSON types of its examples, lines are where each key appears. The document has
 * no required column and one example per message, so a field is required where the text says the message
 * depends on it (sessid: "当前Socket的唯一ID"; callID: the call's Channel UUID; destination_number: what is
 * dialled; pvtData: every member is read by handleVertoPvtEvent/VertoConfMan) and optional where the text
 * calls it optional (loginParams/userVariables "可以忽略") or where it is one client's preferences (the
 * invite's device and bandwidth options). A `verto.event` carries `data`, `pvtData` or `eventData`, and
 * `eventType`, `eventSerno` and `sessid` only in some events: those envelope members are optional.
 */

/** A member array element 0-6, as explained on lines 429-439: `[id, cidNumber, cidName, codec, status, object, video]`. */
function memberTuple(prefix: string, line: number): InventoryField[] {
  return [
    // XCC turns elements 4-6 into objects and may send the member as an object (lines 489-492).
    field(prefix, ["array", "object"], true, line),
    field(`${prefix}[0]`, "string", true, 431),
    field(`${prefix}[1]`, "string", true, 432),
    field(`${prefix}[2]`, "string", true, 433),
    field(`${prefix}[3]`, "string", true, 434),
    field(`${prefix}[4]`, ["string", "object"], true, 435),
    field(`${prefix}[5]`, "object", true, 436),
    field(`${prefix}[6]`, ["string", "object", "null"], true, 438),
  ];
}

/** jquery.verto.js probes with a credential-less login first (field notes). */
const noCredentials = { evidence: "first sends `login {sessid}` without credentials" };

/** The event channels the document names (lines 81, 104, 268-285, 512). */
const channels = {
  values: [
    "FSevent.heartbeat",
    "vcc.default",
    "cman.bootstrap",
    "conference-liveArray",
    "conference-mod",
    "conference-info",
    "conference-chat",
  ],
};

/** The device choice the example shows. */
const any = { values: ["any"] };

/** A LiveArray add/modify/del event; `lines`: action keyword, action, name, hashKey, wireSerno, data, eventChannel. */
function liveArrayChange(action: string, lines: readonly number[], withIndex: boolean): InventoryMessage {
  const [, actionLine = 0, name = 0, hashKey = 0, wireSerno = 0, data = 0, eventChannel = 0] = lines;
  return {
    message: "verto.event",
    sender: "server",
    fields: [
      field("eventChannel", "string", true, eventChannel, channels),
      field("data.action", "string", true, actionLine, { values: [action] }),
      ...(withIndex ? [field("data.arrIndex", "integer", true, actionLine + 1)] : []),
      field("data.name", "string", true, name),
      field("data.hashKey", "string", true, hashKey),
      field("data.wireSerno", "integer", true, wireSerno),
      ...memberTuple("data.data", data),
    ],
  };
}

export const vertoInventory: SeedInventory = {
  document: "003_f71ecd1939465a07.txt",
  messages: [
    // 登录 (password and token forms)
    {
      message: "login",
      sender: "client",
      fields: [
        field("login", "string", true, 18, { relaxed: noCredentials }),
        field("passwd", "string", true, 21, { relaxed: noCredentials }),
        field("loginParams", "object", false, 22),
        field("userVariables", "object", false, 24),
        // @signalwire/js logs in without one at first (its Login.js; spec note).
        field("sessid", "string", true, 26, { relaxed: { evidence: "`@signalwire/js` sends credentials at once" } }),
        field("loginParams.xui_sessid", "string", false, 66),
      ],
    },
    // 返回
    {
      message: "loginResult",
      sender: "server",
      fields: [field("message", "string", true, 43, { values: ["logged in"] }), field("sessid", "string", true, 44)],
    },
    // 第一次登录会收到以下事件
    {
      message: "verto.clientReady",
      sender: "server",
      fields: [field("reattached_sessions", "array", true, 53)],
    },
    // 订阅事件
    {
      message: "verto.subscribe",
      sender: "client",
      fields: [field("eventChannel", ["string", "array"], true, 81, channels), field("sessid", "string", true, 82)],
    },
    // 返回
    {
      message: "vertoSubscribeResult",
      sender: "server",
      fields: [field("subscribedChannels", "array", true, 94), field("sessid", "string", true, 95)],
    },
    // 呼叫 verto.invite
    {
      message: "verto.invite",
      sender: "client",
      fields: [
        field("sdp", "string", true, 118),
        field("dialogParams", "object", true, 119),
        field("dialogParams.useVideo", "boolean", false, 120),
        field("dialogParams.useStereo", "boolean", false, 121),
        field("dialogParams.screenShare", "boolean", false, 122),
        field("dialogParams.useCamera", "string", false, 123, any),
        field("dialogParams.useMic", "string", false, 124, any),
        field("dialogParams.useSpeak", "string", false, 125, any),
        field("dialogParams.tag", "string", false, 126),
        // The local counterpart of `tag` (a string), shown unset (null).
        field("dialogParams.localTag", ["string", "null"], false, 127),
        field("dialogParams.login", "string", false, 128),
        field("dialogParams.videoParams", "object", false, 129),
        field("dialogParams.videoParams.videoDevice", "string", false, 130, any),
        field("dialogParams.videoParams.width", "object", false, 131),
        field("dialogParams.videoParams.width.min", "integer", false, 132),
        field("dialogParams.videoParams.width.max", "integer", false, 133),
        field("dialogParams.videoParams.height", "object", false, 135),
        field("dialogParams.videoParams.height.min", "integer", false, 136),
        field("dialogParams.videoParams.height.max", "integer", false, 137),
        field("dialogParams.videoParams.frameRate", "object", false, 139),
        field("dialogParams.videoParams.frameRate.best", "integer", false, 140),
        field("dialogParams.videoParams.frameRate.min", "integer", false, 141),
        field("dialogParams.videoParams.frameRate.max", "integer", false, 142),
        field("dialogParams.videoParams.minHeight", "integer", false, 144),
        field("dialogParams.videoParams.maxHeight", "integer", false, 145),
        field("dialogParams.videoParams.minWidth", "integer", false, 146),
        field("dialogParams.videoParams.maxWidth", "integer", false, 147),
        field("dialogParams.videoParams.minFrameRate", "integer", false, 148),
        field("dialogParams.destination_number", "string", true, 150),
        field("dialogParams.caller_id_name", "string", false, 151),
        field("dialogParams.caller_id_number", "string", false, 152),
        field("dialogParams.outgoingBandwidth", "string", false, 153, { values: ["default"] }),
        field("dialogParams.incomingBandwidth", "string", false, 154, { values: ["default"] }),
        field("dialogParams.videoBandwidth", "object", false, 155),
        field("dialogParams.videoBandwidth.max", "integer", false, 156),
        field("dialogParams.videoBandwidth.min", "integer", false, 157),
        field("dialogParams.videoBandwidth.start", "integer", false, 158),
        field("dialogParams.deviceParams", "object", false, 160),
        field("dialogParams.deviceParams.useMic", "string", false, 161, any),
        field("dialogParams.deviceParams.useSpeak", "string", false, 162, any),
        field("dialogParams.deviceParams.useCamera", "string", false, 163, any),
        field("dialogParams.callID", "string", true, 165),
        field("dialogParams.remote_caller_id_name", "string", false, 166),
        field("dialogParams.remote_caller_id_number", "string", false, 167),
        field("sessid", "string", true, 169),
      ],
    },
    // 呼叫进展 (SIP 183)
    {
      message: "verto.media",
      sender: "server",
      fields: [field("callID", "string", true, 179), field("sdp", "string", true, 180)],
    },
    // 应答
    {
      message: "verto.answer",
      sender: "server",
      fields: [field("callID", "string", true, 189)],
    },
    // 挂机
    {
      message: "verto.bye",
      sender: "client",
      fields: [field("dialogParams", "object", true, 197), field("sessid", "string", true, 199)],
    },
    // 挂机 返回
    {
      message: "vertoByeResult",
      sender: "server",
      fields: [
        field("callID", "string", true, 208),
        field("message", "string", true, 209, { values: ["CALL ENDED"] }),
        field("causeCode", "integer", true, 210),
        field("cause", "string", true, 211, { values: ["NORMAL_CLEARING"] }),
        field("sessid", "string", true, 212),
      ],
    },
    // 事件: FSevent.heartbeat
    {
      message: "verto.event",
      sender: "server",
      fields: [
        field("eventChannel", "string", true, 226, channels),
        field("data", "object", false, 227),
        field("data.Event-Name", "string", true, 228, { values: ["HEARTBEAT"] }),
        field("data.Core-UUID", "string", true, 229),
        field("data.FreeSWITCH-Hostname", "string", true, 230),
        field("data.FreeSWITCH-Switchname", "string", true, 231),
        field("data.FreeSWITCH-IPv4", "string", true, 232),
        field("data.FreeSWITCH-IPv6", "string", true, 233),
        field("data.Event-Date-Local", "string", true, 234),
        field("data.Event-Date-GMT", "string", true, 235),
        field("data.Event-Date-Timestamp", "string", true, 236),
        field("data.Event-Calling-File", "string", true, 237),
        field("data.Event-Calling-Function", "string", true, 238),
        field("data.Event-Calling-Line-Number", "string", true, 239),
        field("data.Event-Sequence", "string", true, 240),
        field("data.Event-Info", "string", true, 241),
        field("data.Up-Time", "string", true, 242),
        field("data.FreeSWITCH-Version", "string", true, 243),
        field("data.Uptime-msec", "string", true, 244),
        field("data.Session-Count", "string", true, 245),
        field("data.Max-Sessions", "string", true, 246),
        field("data.Session-Per-Sec", "string", true, 247),
        field("data.Session-Per-Sec-Last", "string", true, 248),
        field("data.Session-Per-Sec-Max", "string", true, 249),
        field("data.Session-Per-Sec-FiveMin", "string", true, 250),
        field("data.Session-Since-Startup", "string", true, 251),
        field("data.Session-Peak-Max", "string", true, 252),
        field("data.Session-Peak-FiveMin", "string", true, 253),
        field("data.Idle-CPU", "string", true, 254),
        field("eventSerno", "integer", false, 256),
      ],
    },
    // WebRTC入会: channelPvtData on the sessid channel
    {
      message: "verto.event",
      sender: "server",
      fields: [
        field("pvtData", "object", false, 318),
        field("pvtData.callID", "string", true, 319),
        field("pvtData.action", "string", true, 320, {
          values: ["conference-liveArray-part", "conference-liveArray-join"],
        }),
        field("pvtData.laChannel", "string", true, 321, channels),
        field("pvtData.laName", "string", true, 322),
        field("pvtData.role", "string", true, 323, { values: ["moderator"] }),
        field("pvtData.chatID", "string", true, 324),
        field("pvtData.conferenceMemberID", "string", true, 325),
        field("pvtData.canvasCount", "integer", true, 326),
        field("pvtData.modChannel", "string", true, 327, channels),
        field("pvtData.chatChannel", "string", true, 328, channels),
        field("pvtData.infoChannel", "string", true, 329, channels),
        field("eventChannel", "string", true, 331, channels),
        field("eventType", "string", false, 332, { values: ["channelPvtData"] }),
        field("eventSerno", "integer", false, 333),
      ],
    },
    // LiveArray bootstrap, sent by the client as verto.event
    {
      message: "verto.event",
      sender: "client",
      fields: [
        field("eventChannel", "string", true, 385, channels),
        field("data", "object", true, 386),
        field("data.liveArray", "object", true, 387),
        field("data.liveArray.command", "string", true, 388, { values: ["bootstrap"] }),
        field("data.liveArray.context", "string", true, 389, channels),
        field("data.liveArray.name", "string", true, 390),
        // @signalwire/js bootstraps without obj (its VertoHandler.js; spec description).
        field("data.liveArray.obj", "object", true, 391, { relaxed: { evidence: "`@signalwire/js` 1.x (1.5.0)" } }),
        field("sessid", "string", true, 395),
        field("userid", "string", true, 396),
        field("fromDisplay", "string", true, 398),
        field("eventSerno", "integer", true, 399),
      ],
    },
    // XCC 扩展: verto.cmanBootstrap
    {
      message: "verto.broadcast",
      sender: "client",
      fields: [
        field("eventChannel", "string", true, 512, channels),
        field("data", "object", true, 513),
        field("data.conferenceName", "string", true, 514),
        field("data.domain", "string", true, 515),
        field("sessid", "string", true, 517),
      ],
    },
    // Conference Layout: layout-info
    {
      message: "verto.event",
      sender: "server",
      fields: [
        field("eventData", "object", false, 584),
        field("eventData.contentType", "string", true, 585, { values: ["layout-info"] }),
        field("eventData.canvasInfo", "object", true, 586),
        field("eventData.canvasInfo.canvasID", "integer", true, 587),
        field("eventData.canvasInfo.totalLayers", "integer", true, 588),
        field("eventData.canvasInfo.layersUsed", "integer", true, 589),
        field("eventData.canvasInfo.layoutFloorID", "integer", true, 590),
        field("eventData.canvasInfo.layoutName", "string", true, 591),
        field("eventData.canvasInfo.canvasLayouts", "array", true, 592),
        field("eventData.canvasInfo.canvasLayouts[].x", "integer", true, 593),
        field("eventData.canvasInfo.canvasLayouts[].y", "integer", true, 594),
        field("eventData.canvasInfo.canvasLayouts[].scale", "integer", true, 595),
        field("eventData.canvasInfo.canvasLayouts[].hscale", "integer", true, 596),
        field("eventData.canvasInfo.canvasLayouts[].zoom", "integer", true, 598),
        field("eventData.canvasInfo.canvasLayouts[].border", "integer", true, 599),
        field("eventData.canvasInfo.canvasLayouts[].floor", "integer", true, 600),
        field("eventData.canvasInfo.canvasLayouts[].overlap", "integer", true, 601),
        field("eventData.canvasInfo.canvasLayouts[].screenWidth", "integer", true, 602),
        field("eventData.canvasInfo.canvasLayouts[].screenHeight", "integer", true, 603),
        field("eventData.canvasInfo.canvasLayouts[].xPOS", "integer", true, 604),
        field("eventData.canvasInfo.canvasLayouts[].yPOS", "integer", true, 605),
        field("eventData.canvasInfo.scale", "integer", true, 607),
        field("eventChannel", "string", true, 610, channels),
        field("eventSerno", "integer", false, 611),
      ],
    },
    // FreeSWITCH bootObj (array form): data[][0] the key, data[][1] the member array
    {
      message: "verto.event",
      sender: "server",
      fields: [
        field("eventChannel", "string", true, 420, channels),
        field("sessid", "string", false, 421),
        field("eventSerno", "integer", false, 422),
        field("data", "object", false, 408),
        field("data.action", "string", true, 409, { values: ["bootObj"] }),
        field("data.name", "string", true, 410),
        field("data.wireSerno", "integer", true, 411),
        field("data.data", "array", true, 412),
        field("data.data[][0]", "string", true, 429),
        ...memberTuple("data.data[][1]", 430),
      ],
    },
    // add (lines 441-453)
    liveArrayChange("add", [441, 444, 446, 447, 448, 449, 452], true),
    // modify (lines 454-465)
    liveArrayChange("modify", [454, 457, 458, 459, 460, 461, 464], false),
    // del (lines 466-477)
    liveArrayChange("del", [466, 470, 469, 471, 472, 473, 476], false),
    // XCC 扩展: bootObj in the object form (lines 522-560)
    {
      message: "verto.event",
      sender: "server",
      fields: [
        field("eventChannel", "string", true, 526, channels),
        field("sessid", "string", false, 527),
        field("data.action", "string", true, 529, { values: ["bootObj"] }),
        field("data.name", "string", true, 530),
        field("data.wireSerno", "integer", true, 556),
        field("data.data[][0]", "string", true, 533),
        field("data.data[][1].memberID", "string", true, 535),
        field("data.data[][1].cidNumber", "string", true, 536),
        field("data.data[][1].cidName", "string", true, 537),
        field("data.data[][1].codec", "string", true, 538),
        field("data.data[][1].status", "object", true, 539),
        field("data.data[][1].status.audio", "object", true, 540),
        field("data.data[][1].status.audio.talking", "boolean", true, 541),
        field("data.data[][1].status.audio.deaf", "boolean", true, 542),
        field("data.data[][1].status.audio.muted", "boolean", true, 543),
        field("data.data[][1].status.audio.onHold", "boolean", true, 544),
        field("data.data[][1].status.audio.energyScore", "integer", true, 545),
        field("data.data[][1].status.audio.floor", "boolean", true, 546),
        field("data.data[][1].email", "string", true, 549),
        field("data.data[][1].node_uuid", "string", true, 550),
        field("data.data[][1].active", "boolean", true, 551),
        field("data.data[][1].uuid", "string", true, 552),
      ],
    },
  ],
};
